/** Image supply for the views: cached clip thumbnails and player frames, decoded off the FX thread. */
package org.egolens.app.media;
