package katas.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NioLocalFileSystemTest {

    @TempDir
    java.nio.file.Path folder;

    private static Configuration conf(boolean nio) {
        Configuration conf = new Configuration();
        conf.setBoolean("fs.file.impl.disable.cache", true);
        if (nio) {
            conf.set("fs.file.impl", NioLocalFileSystem.class.getName());
            conf.set("fs.AbstractFileSystem.file.impl", NioLocalFileSystem.Fs.class.getName());
        }
        return conf;
    }

    /** Below {@code root}: a file and a folder through FileSystem, a file created and renamed through FileContext. */
    private static void write(Configuration conf, java.nio.file.Path root) throws Exception {
        try (FileSystem fs = FileSystem.newInstance(URI.create("file:///"), conf)) {
            assertThat(fs instanceof NioLocalFileSystem)
                    .as("the file system configured")
                    .isEqualTo(conf.get("fs.file.impl") != null);
            try (FSDataOutputStream out =
                    fs.create(new Path(root.resolve("by-file-system").toUri()), true)) {
                out.write(1);
            }
            fs.mkdirs(new Path(root.resolve("folder/nested").toUri()));
        }
        FileContext context = FileContext.getFileContext(conf);
        Path temporary = new Path(root.resolve("temporary").toUri());
        try (FSDataOutputStream out = context.create(
                temporary, EnumSet.of(CreateFlag.CREATE, CreateFlag.OVERWRITE), Options.CreateOpts.createParent())) {
            out.write(2);
        }
        context.rename(temporary, new Path(root.resolve("by-file-context").toUri()), Options.Rename.OVERWRITE);
    }

    @Test
    @DisplayName("writes the files, folders, checksums and permissions Hadoop's local file system writes")
    void sameFilesAndPermissions() throws Exception {
        java.nio.file.Path hadoop = Files.createDirectory(folder.resolve("hadoop"));
        java.nio.file.Path nio = Files.createDirectory(folder.resolve("nio"));

        write(conf(false), hadoop);
        write(conf(true), nio);

        assertThat(describe(nio))
                .as("every file and folder, its size and permissions")
                .isEqualTo(describe(hadoop))
                .contains(
                        "by-file-context 1 rw-r--r--",
                        ".by-file-context.crc 12 rw-r--r--",
                        "folder/nested 0 rwxr-xr-x");
    }

    private static List<String> describe(java.nio.file.Path root) throws Exception {
        try (Stream<java.nio.file.Path> files = Files.walk(root)) {
            List<String> described = new ArrayList<>();
            for (java.nio.file.Path file :
                    files.filter(file -> !file.equals(root)).sorted().toList()) {
                described.add(root.relativize(file) + " " + (Files.isDirectory(file) ? 0 : Files.size(file)) + " "
                        + PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            }
            return described;
        }
    }

    @Test
    @DisplayName("tells a link from a file, as Hadoop does")
    void linkStatus() throws Exception {
        java.nio.file.Path target = Files.writeString(folder.resolve("target"), "x");
        java.nio.file.Path link = Files.createSymbolicLink(folder.resolve("link"), target);
        for (java.nio.file.Path file : List.of(link, target)) {
            Path path = new Path(file.toUri());
            try (FileSystem hadoop = FileSystem.newInstance(URI.create("file:///"), conf(false));
                    FileSystem nio = FileSystem.newInstance(URI.create("file:///"), conf(true))) {
                assertThat(nio.getFileLinkStatus(path))
                        .as("the status of %s", file.getFileName())
                        .usingRecursiveComparison()
                        .isEqualTo(hadoop.getFileLinkStatus(path));
            }
            assertThat(FileContext.getFileContext(conf(true)).getFileLinkStatus(path))
                    .as("the status of %s through FileContext", file.getFileName())
                    .usingRecursiveComparison()
                    .isEqualTo(FileContext.getFileContext(conf(false)).getFileLinkStatus(path));
        }
    }
}
