/**
 * Workspace logic without controls: what a workspace is ({@link org.egolens.app.workspace.WorkspaceSpec}), reading EK-100
 * annotation clips, probing clips, building and caching the index, answering queries, and the shared model session.
 */
package org.egolens.app.workspace;
