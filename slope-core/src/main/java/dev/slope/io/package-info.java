/** Model files: versioned, self-describing, checksummed and written atomically. */
package dev.slope.io;
