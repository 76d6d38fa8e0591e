package katas.support;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFs;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FsConstants;
import org.apache.hadoop.fs.FsServerDefaults;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.local.LocalConfigKeys;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system, setting the permissions of the files and folders it creates, and telling a link
 * from a file, through java.nio. Without Hadoop's native library (libhadoop, which no dependency here brings),
 * {@link RawLocalFileSystem} forks {@code chmod} for each file it creates and {@code readlink} before each
 * rename through FileContext: 12–26 ms a file on this project's 2-core machine under load, against under 1 ms
 * for a java.nio write, and Spark creates several files a micro-batch (offsets, commits, a state delta per
 * shuffle partition, a checksum beside each) and one or two per task that writes. Same files, same
 * permissions, no processes.
 */
public final class NioLocalFileSystem extends LocalFileSystem {

    public NioLocalFileSystem() {
        super(new Raw());
    }

    static final class Raw extends RawLocalFileSystem {
        @Override
        public void setPermission(Path path, FsPermission permission) throws IOException {
            if (permission.getStickyBit()) {
                super.setPermission(path, permission); // java.nio has no sticky bit
                return;
            }
            Files.setPosixFilePermissions(
                    pathToFile(path).toPath(), PosixFilePermissions.fromString(permission.toString()));
        }

        /** A file that is no link has its own status; Hadoop asks a forked {@code readlink} first. */
        @Override
        public FileStatus getFileLinkStatus(Path path) throws IOException {
            return Files.isSymbolicLink(pathToFile(path).toPath())
                    ? super.getFileLinkStatus(path)
                    : getFileStatus(path);
        }
    }

    /** The same file system for FileContext, through which Spark writes a streaming query's checkpoint. */
    public static final class Fs extends ChecksumFs {
        public Fs(URI uri, Configuration conf) throws IOException, URISyntaxException {
            super(new DelegateToFileSystem(uri, new Raw(), conf, FsConstants.LOCAL_FS_URI.getScheme(), false) {
                @Override
                public int getUriDefaultPort() {
                    return -1;
                }

                @Override
                public FsServerDefaults getServerDefaults(Path path) throws IOException {
                    return LocalConfigKeys.getServerDefaults();
                }

                @Override
                public boolean isValidName(String name) {
                    return true;
                }
            });
        }
    }
}
