"""Scan stage: files found, facts cached by content, problems kept, nothing dropped."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from flowdoc.model.problems import InputError
from flowdoc.read.scan import find_java_files, is_test_path, read_source_version, scan_tree
from flowdoc.store.cache import FactsCache
from tests.helpers import write_java_tree

TREE = {
    "pom.xml": "<project><parent><version>9</version></parent><version>4.99.0.0</version></project>",
    "api/src/main/java/org/acme/A.java": "package org.acme; public class A { void a() { b(); } void b() {} }",
    "api/src/main/java/org/acme/B.java": "package org.acme; interface B { void run(); }",
    "api/src/test/java/org/acme/ATest.java": "package org.acme; class ATest {}",
    "api/target/generated/Gen.java": "package gen; class Gen {}",
    ".hidden/H.java": "class H {}",
    "server/src/main/java/org/acme/Broken.java": "package org.acme; class Broken { void m( { }",
}


def test_finds_files_skipping_build_and_hidden_folders(tmp_path):
    write_java_tree(tmp_path, TREE)
    assert find_java_files(tmp_path) == [
        "api/src/main/java/org/acme/A.java",
        "api/src/main/java/org/acme/B.java",
        "api/src/test/java/org/acme/ATest.java",
        "server/src/main/java/org/acme/Broken.java",
    ]
    assert find_java_files(tmp_path, ["*/src/test/*", "server/*"]) == [
        "api/src/main/java/org/acme/A.java",
        "api/src/main/java/org/acme/B.java",
    ]


def test_scan_reports_every_file_and_problem(tmp_path):
    write_java_tree(tmp_path, TREE)
    result = scan_tree(tmp_path, jobs=1)
    assert result.version == "4.99.0.0"  # the project's version, not the parent's
    assert result.stats.files == 4 and result.stats.parsed == 3
    assert [(p.file, p.line, p.kind) for p in result.problems] == [
        ("server/src/main/java/org/acme/Broken.java", 1, "parse-error")]
    assert result.stats.types == 3 and result.stats.methods == 3 and result.stats.call_sites == 1
    broken = next(f for f in result.files if f.path.endswith("Broken.java"))
    assert not broken.parsed and broken.types == ()


def test_cache_hits_on_rerun_and_edit_reparses_one_file(tmp_path):
    src = write_java_tree(tmp_path / "src", TREE)
    cache_dir = tmp_path / "cache"
    first = scan_tree(src, jobs=1, cache=FactsCache(cache_dir))
    assert first.stats.cache_hits == 0
    second = scan_tree(src, jobs=1, cache=FactsCache(cache_dir))
    assert second.stats.cache_hits == 4
    assert second.files == first.files
    (src / "api/src/main/java/org/acme/B.java").write_text("package org.acme; interface B { void run(); void stop(); }")
    third = scan_tree(src, jobs=1, cache=FactsCache(cache_dir))
    assert third.stats.cache_hits == 3 and third.stats.methods == 4


def test_corrupt_cache_entry_is_rebuilt(tmp_path):
    src = write_java_tree(tmp_path / "src", {"A.java": "class A { void a() {} }"})
    cache = FactsCache(tmp_path / "cache")
    scan_tree(src, jobs=1, cache=cache)
    entries = list((cache.root / "facts").rglob("*.pkl"))
    assert len(entries) == 1
    entries[0].write_bytes(b"\x80\x05garbage")
    result = scan_tree(src, jobs=1, cache=FactsCache(tmp_path / "cache"))
    assert result.stats.cache_hits == 0 and result.stats.methods == 1
    again = scan_tree(src, jobs=1, cache=FactsCache(tmp_path / "cache"))
    assert again.stats.cache_hits == 1


def test_parallel_scan_equals_serial(tmp_path):
    files = {f"p/C{i}.java": f"package p; class C{i} {{ void m() {{ new C{(i + 1) % 80}().m(); }} }}" for i in range(80)}
    write_java_tree(tmp_path, files)
    serial = scan_tree(tmp_path, jobs=1)
    parallel = scan_tree(tmp_path, jobs=2, cache=FactsCache(tmp_path / ".cache"))
    assert parallel.files == serial.files and parallel.stats.call_sites == 80


def test_bad_encoding_is_read_as_latin1_with_a_problem(tmp_path):
    path = tmp_path / "A.java"
    path.write_bytes('class A { String s = "caf\xe9"; }'.encode("latin-1"))
    result = scan_tree(tmp_path, jobs=1)
    assert result.stats.parsed == 1
    assert [(p.kind, p.line) for p in result.problems] == [("encoding", 1)]
    assert result.files[0].types[0].fields[0].initializer.text == "caf\xe9"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads unreadable files")
def test_unreadable_file_is_a_problem(tmp_path):
    write_java_tree(tmp_path, {"A.java": "class A {}"})
    (tmp_path / "A.java").chmod(0)
    result = scan_tree(tmp_path, jobs=1)
    assert result.problems[0].kind == "read-error"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing", "does not exist"),
        (lambda p: (p / "f.txt").write_text("x") and p / "f.txt", "is not a directory"),
        (lambda p: p, "no .java files"),
    ],
)
def test_unusable_source_is_an_input_error(tmp_path, make, message):
    with pytest.raises(InputError, match=message):
        scan_tree(make(tmp_path))


def test_is_test_path():
    assert is_test_path("server/src/test/java/A.java")
    assert is_test_path("test/integration/A.java")
    assert not is_test_path("server/src/main/java/org/test_utils/A.java")


def test_read_source_version_without_pom(tmp_path):
    assert read_source_version(Path(tmp_path)) is None


def test_pipes_sockets_and_links_to_devices_are_reported_not_read(tmp_path):
    import socket

    write_java_tree(tmp_path, {"A.java": "class A {}", "pom.xml": "<project><version>1</version></project>"})
    os.mkfifo(tmp_path / "X.java")
    os.symlink("/dev/zero", tmp_path / "Zero.java")  # reading it would never end
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(tmp_path / "S.java"))
        for cache in (None, FactsCache(tmp_path / ".cache")):  # the cached path stats and hashes
            result = scan_tree(tmp_path, jobs=1, cache=cache)
            assert result.stats.files == 4 and result.stats.parsed == 1
            assert [(p.file, p.kind, p.message) for p in result.problems] == [
                ("S.java", "not-a-file", "socket; skipped"),
                ("X.java", "not-a-file", "named pipe (FIFO); skipped"),
                ("Zero.java", "not-a-file", "character device; skipped")]


def test_a_pipe_named_pom_xml_does_not_block_the_version(tmp_path):
    write_java_tree(tmp_path, {"A.java": "class A {}"})
    os.mkfifo(tmp_path / "pom.xml")
    assert scan_tree(tmp_path, jobs=1).version is None


def test_a_huge_file_is_reported_and_skipped(tmp_path):
    write_java_tree(tmp_path, {"A.java": "class A {}"})
    with open(tmp_path / "Huge.java", "wb") as handle:
        handle.truncate(6 * 1024 * 1024)
    result = scan_tree(tmp_path, jobs=1)
    assert [(p.file, p.kind, p.message) for p in result.problems] == [
        ("Huge.java", "too-large", "6.3 MB, over the 5 MB limit; skipped")]


def test_odd_file_names_are_reported_readably(tmp_path):
    os.makedirs(os.path.join(os.fsencode(tmp_path), b"p\x1b[2J"))
    names = {b"New\nline.java": b"class A {}", b"Caf\xe9.java": b"class B {}", b"p\x1b[2J/C.java": b"class C {}",
             b"With space.java": b"class D { void m() {} }", "Ünïcode.java".encode(): b"class E {}"}
    for name, code in names.items():
        with open(os.path.join(os.fsencode(tmp_path), name), "wb") as handle:
            handle.write(code)
    result = scan_tree(tmp_path, jobs=1)
    assert [(p.file, p.kind) for p in result.problems] == [
        ("Caf\\xe9.java", "odd-name"), ("New\\nline.java", "odd-name"), ("p\\x1b[2J/C.java", "odd-name")]
    assert sorted(f.path for f in result.files if f.parsed) == ["With space.java", "Ünïcode.java"]
    assert result.stats.files == 5 and result.stats.methods == 1
