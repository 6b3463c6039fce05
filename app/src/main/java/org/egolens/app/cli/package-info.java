/**
 * The {@code egolens} command line (picocli): {@link org.egolens.app.cli.EgoLensCommand} and one class per subcommand.
 * Commands print through picocli's writers; errors become one line and an exit code.
 */
package org.egolens.app.cli;
