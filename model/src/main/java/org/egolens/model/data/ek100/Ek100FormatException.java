package org.egolens.model.data.ek100;

import java.io.IOException;
import java.nio.file.Path;

/** A malformed EPIC-KITCHENS-100 annotation file; the message names the file and, where known, the line and column. */
public final class Ek100FormatException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    private final long line;

    /**
     * @param file   the file being read
     * @param line   1-based line where the offending record starts, or 0 when the problem is not tied to a line
     * @param detail what is wrong
     */
    public Ek100FormatException(Path file, long line, String detail, Throwable cause) {
        super(file + (line > 0 ? " line " + line : "") + ": " + detail, cause);
        this.file = file;
        this.line = line;
    }

    /** The file that was read. */
    public Path file() {
        return file;
    }

    /** 1-based line where the offending record starts (0 if not tied to a line). */
    public long line() {
        return line;
    }
}
