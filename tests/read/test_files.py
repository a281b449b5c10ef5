"""Reading tree files never blocks: pipes, sockets, devices and huge files are refused."""

from __future__ import annotations

import os
import socket

import pytest

from flowdoc.read.files import MAX_SOURCE_BYTES, FileTooLarge, NotRegularFile, file_kind, read_regular


def test_reads_a_regular_file_and_a_link_to_one(tmp_path):
    target = tmp_path / "A.java"
    target.write_bytes(b"class A {}")
    (tmp_path / "L.java").symlink_to(target)
    assert read_regular(target) == b"class A {}"
    assert read_regular(tmp_path / "L.java") == b"class A {}"


def test_a_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "X.java"
    os.mkfifo(fifo)
    with pytest.raises(NotRegularFile) as caught:
        read_regular(fifo)  # a blocking open would hang this test: no writer ever comes
    assert caught.value.kind == "named pipe (FIFO)"


def test_a_socket_a_device_and_a_folder_are_refused(tmp_path):
    path = tmp_path / "S.java"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        with pytest.raises(NotRegularFile, match="socket"):
            read_regular(path)
    with pytest.raises(NotRegularFile, match="character device"):
        read_regular("/dev/null")
    with pytest.raises(NotRegularFile, match="directory"):
        read_regular(tmp_path)


def test_a_file_over_the_limit_is_refused(tmp_path):
    big = tmp_path / "Big.java"
    with open(big, "wb") as handle:  # sparse: the size without the disk
        handle.truncate(MAX_SOURCE_BYTES + 1)
    with pytest.raises(FileTooLarge, match="over the 5 MB limit"):
        read_regular(big)
    (tmp_path / "small").write_bytes(b"12345")
    with pytest.raises(FileTooLarge):
        read_regular(tmp_path / "small", limit=4)
    assert read_regular(tmp_path / "small", limit=5) == b"12345"
    assert read_regular(tmp_path / "small", limit=None) == b"12345"


def test_missing_and_dangling_paths_are_os_errors(tmp_path):
    (tmp_path / "D.java").symlink_to(tmp_path / "absent")
    with pytest.raises(FileNotFoundError):
        read_regular(tmp_path / "D.java")
    (tmp_path / "loop.java").symlink_to(tmp_path / "loop.java")
    with pytest.raises(OSError):
        read_regular(tmp_path / "loop.java")


def test_file_kind_names():
    assert file_kind(os.stat("/dev/null").st_mode) == "character device"
    assert file_kind(os.stat("/").st_mode) == "directory"


def test_source_text_leaves_a_pipe_out(tmp_path):
    from flowdoc.read.sourcetext import SourceText

    (tmp_path / "A.java").write_text("class A {\n}\n")
    os.mkfifo(tmp_path / "X.java")  # swapped in after the scan
    text = SourceText(tmp_path)
    assert text.excerpt("A.java", 1, 2) == ["class A {", "}"]
    assert text.lines("X.java") is None
