"""SourceText: excerpts from a folder or a git commit, never outside the tree."""

from __future__ import annotations

import subprocess

from flowdoc.read.sourcetext import SourceText


def test_excerpts_from_a_folder(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "B.java").write_bytes(b"class B {\r\n  void m() {}\r\n  \xff\n}\n")
    text = SourceText(tmp_path)
    assert text.excerpt("a/B.java", 2, 3) == ["  void m() {}", "  \ufffd"]
    assert text.excerpt("a/B.java", 4, 1) == ["}"]  # an end before the start: one line
    assert text.excerpt("a/Missing.java", 1, 2) is None
    assert text.excerpt("../etc/passwd", 1, 1) is None
    assert text.excerpt(None, 1, 1) is None and SourceText(None).excerpt("a/B.java", 1, 1) is None


def test_excerpts_from_a_git_commit(tmp_path):
    repo = tmp_path / "repo"
    (repo / "src").mkdir(parents=True)
    (repo / "src" / "C.java").write_text("class C {\n  int x;\n}\n")
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "one"], check=True)
    subprocess.run([*git, "tag", "v1"], check=True)
    (repo / "src" / "C.java").write_text("changed\n")  # the work tree is not what is read
    text = SourceText(f"git:{repo}@v1")
    assert text.excerpt("src/C.java", 2, 2) == ["  int x;"]
    assert text.excerpt("src/None.java", 1, 1) is None
    assert SourceText(f"git:{repo}@nope").excerpt("src/C.java", 1, 1) is None
