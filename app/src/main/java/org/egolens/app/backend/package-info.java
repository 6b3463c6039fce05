/**
 * The one seam between the application and the concrete model side: {@link org.egolens.app.backend.Backend} (decoder,
 * dual encoder, raw features, folder scan), found with {@link java.util.ServiceLoader} by
 * {@link org.egolens.app.backend.Backends}.
 */
package org.egolens.app.backend;
