/** The user's settings folder ({@code ~/.egolens}, or system property {@code egolens.home}) and what it stores. */
package org.egolens.app.settings;
