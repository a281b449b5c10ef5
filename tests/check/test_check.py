"""snapshot / diff / check on the command line: exit codes, stale snapshots, dangling doc references."""

from __future__ import annotations

import json
import textwrap

import pytest

from flowdoc.check.references import api_verbs, find_references
from flowdoc.cli import main
from tests.check.test_drift import ACME, CREATE, LIST, edit
from tests.helpers import write_java_tree

PAGE = """\
    # Gadgets

    Call `listGadgets` to see them, or `createGadget`; `listGadget` is a typo.
    Words in backticks are not APIs: `name`, `true`, `getCommands`, `execute()`, `some words`, `org.acme`.
    A made-up verb is caught: `destroyGadget`.

        http://localhost:8080/client/api?command=createGadget&name=x&zoneid=1&sizee=2&apikey=K&signature=S

    ```
    curl 'http://localhost:8080/client/api?command=listGadgets&keyword=a&response=json'
    curl 'http://localhost:8080/client/api?command=listGadgets&color=red&tags[0].key=x'
    curl 'http://localhost:8080/client/api?command=deleteGadgets&id=1'
    ```

    The work happens in `CreateGadgetCmd#execute` and `org.acme.api.BaseCmd#execute`;
    `CreateGadgetCmd#exec` and `GadgetCmd#run` do not exist, `ManagementServer#getCommands` does.
    See [the other page](other.md#Section), `java.lang.String#format` and the syntax `pkg.Class#method`.

    <!-- flowdoc-check: off -->
    `listNothing` and command=nothingAtAll are skipped here.
    <!-- flowdoc-check: on -->
    `updateNothing` is checked again.
    """


@pytest.fixture
def tree(tmp_path):
    return write_java_tree(tmp_path / "src", ACME)


@pytest.fixture
def docs(tmp_path):
    d = tmp_path / "docs"
    (d / "guide").mkdir(parents=True)
    (d / "guide" / "gadgets.md").write_text(textwrap.dedent(PAGE))
    (d / "clean.md").write_text("Nothing to see: `listGadgets`.\n")
    return d


def run(capsys, *argv):
    code = main([*argv])
    out = capsys.readouterr()
    return code, out.out, out.err


# --- snapshot ----------------------------------------------------------------------------------


def test_snapshot_is_stable_and_sorted(tree, tmp_path, capsys):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    assert main(["snapshot", "--source", str(tree), "-o", str(a)]) == 0
    assert main(["snapshot", "--source", str(tree), "-o", str(b), "--no-cache"]) == 0
    assert a.read_bytes() == b.read_bytes()
    data = json.loads(a.read_text())
    assert list(data)[:2] == ["schema", "source"]
    assert data["schema"] == "flowdoc.api/1"
    assert [c["name"] for c in data["commands"]] == ["createGadget", "listGadgets"]
    assert data["source"]["root"] == str(tree)


def test_snapshot_to_stdout_of_the_sample(capsys):
    code, out, _ = run(capsys, "snapshot")
    assert code == 0
    assert json.loads(out)["source"]["root"] == "<bundled sample>"


# --- check: the snapshot -------------------------------------------------------------------------


def test_check_up_to_date_snapshot(tree, tmp_path, capsys):
    snap = tmp_path / "api.json"
    assert main(["snapshot", "--source", str(tree), "-o", str(snap)]) == 0
    code, out, _ = run(capsys, "check", "--source", str(tree), "--snapshot", str(snap), "--no-docs")
    assert code == 0
    assert f"{snap}: up to date (2 APIs)" in out


def test_check_stale_snapshot_fails_with_the_changes(tree, tmp_path, capsys):
    snap = tmp_path / "api.json"
    assert main(["snapshot", "--source", str(tree), "-o", str(snap)]) == 0
    changed = edit(ACME, LIST, '"search words"', '"words to search"')
    write_java_tree(tree, {LIST: changed[LIST]})
    code, out, _ = run(capsys, "check", "--source", str(tree), "--snapshot", str(snap), "--no-docs")
    assert code == 1
    assert "stale: 1 change(s)" in out
    assert "API listGadgets: parameter keyword description changed" in out
    assert f"flowdoc snapshot --source {tree} -o {snap}" in out


def test_check_ignores_moved_lines(tree, tmp_path, capsys):
    snap = tmp_path / "api.json"
    assert main(["snapshot", "--source", str(tree), "-o", str(snap)]) == 0
    write_java_tree(tree, {CREATE: "// a new header line\n" + textwrap.dedent(ACME[CREATE]).lstrip("\n")})
    code, _, _ = run(capsys, "check", "--source", str(tree), "--snapshot", str(snap), "--no-docs")
    assert code == 0


# --- check: the pages ----------------------------------------------------------------------------


def test_find_references_rules():
    names = {"listGadgets", "createGadget"}
    refs = find_references("p.md", textwrap.dedent(PAGE), names, api_verbs(names))
    apis = [r.name for r in refs if r.kind == "api"]
    assert apis == ["listGadgets", "createGadget", "listGadget", "destroyGadget", "createGadget", "listGadgets",
                    "listGadgets", "deleteGadgets", "updateNothing"]
    params = [(r.api, r.name) for r in refs if r.kind == "param"]
    assert params == [("createGadget", "name"), ("createGadget", "zoneid"), ("createGadget", "sizee"),
                      ("listGadgets", "keyword"), ("listGadgets", "color"),
                      ("listGadgets", "tags"), ("deleteGadgets", "id")]
    methods = [r.name for r in refs if r.kind == "method"]
    assert methods == ["CreateGadgetCmd#execute", "org.acme.api.BaseCmd#execute", "CreateGadgetCmd#exec",
                       "GadgetCmd#run", "ManagementServer#getCommands", "pkg.Class#method"]


def test_check_reports_dangling_references_with_closest_names(tree, docs, capsys):
    code, out, _ = run(capsys, "check", "--source", str(tree), "--docs", str(docs))
    assert code == 1
    page = f"{docs}/guide/gadgets.md"
    lines = [line for line in out.splitlines() if line.startswith(page)]
    assert lines == [
        f"{page}:3: API listGadget does not exist (closest: listGadgets)",
        f"{page}:5: API destroyGadget does not exist (closest: listGadgets)",
        f"{page}:7: API createGadget has no parameter sizee (closest: size)",
        f"{page}:11: API listGadgets has no parameter color",
        f"{page}:11: API listGadgets has no parameter tags",
        f"{page}:12: API deleteGadgets does not exist (closest: listGadgets)",
        f"{page}:16: method CreateGadgetCmd#exec not found (closest: CreateGadgetCmd#execute)",
        f"{page}:16: class GadgetCmd (in GadgetCmd#run) not found (closest: ListGadgetsCmd)",
        f"{page}:22: API updateNothing does not exist",
    ]
    assert out.splitlines()[-1] == f"{docs}: 2 pages, 23 references, 9 dangling"


def test_check_clean_docs_pass_and_github_format(tree, docs, capsys):
    (docs / "guide" / "gadgets.md").unlink()
    assert run(capsys, "check", "--source", str(tree), "--docs", str(docs))[0] == 0
    (docs / "bad.md").write_text("Use `listGadget`.\n")
    code, out, _ = run(capsys, "check", "--source", str(tree), "--docs", str(docs), "--format", "github")
    assert code == 1
    assert out.strip() == (f"::error file={docs}/bad.md,line=1,title=flowdoc check%3A dangling reference::"
                           "API listGadget does not exist (closest: listGadgets)")


def test_check_json(tree, docs, tmp_path, capsys):
    out = tmp_path / "check.json"
    assert main(["check", "--source", str(tree), "--docs", str(docs), "--format", "json", "-o", str(out)]) == 1
    data = json.loads(out.read_text())
    assert data["docs"]["pages"] == 2 and len(data["docs"]["dangling"]) == 9
    assert data["docs"]["dangling"][0] == {"page": f"{docs}/guide/gadgets.md", "line": 3, "kind": "api",
                                           "name": "listGadget", "api": None,
                                           "reason": "API listGadget does not exist", "closest": "listGadgets"}


# --- bad input: exit 2, one line, nothing written --------------------------------------------------


@pytest.mark.parametrize("content", ["{not json", "[]", '{"schema": "flowdoc.api/1"}',
                                     '{"schema": "other", "commands": []}'])
def test_malformed_snapshot_exits_2(tree, tmp_path, capsys, content):
    snap = tmp_path / "api.json"
    snap.write_text(content)
    report = tmp_path / "report.md"
    report.write_text("previous report\n")
    for argv in (["check", "--source", str(tree), "--snapshot", str(snap), "--no-docs"],
                 ["diff", str(snap), str(tree), "--format", "markdown", "-o", str(report)]):
        code, out, err = run(capsys, *argv)
        assert code == 2
        assert len(err.strip().splitlines()) == 1 and str(snap) in err
        assert out == ""
    assert report.read_text() == "previous report\n"


def test_missing_paths_exit_2(tree, tmp_path, capsys):
    code, _, err = run(capsys, "diff", str(tmp_path / "absent"), str(tree))
    assert code == 2 and "no such file or directory" in err
    code, _, err = run(capsys, "check", "--source", str(tree), "--docs", str(tmp_path / "nodocs"))
    assert code == 2 and "is not a directory" in err
    code, _, err = run(capsys, "check", "--source", str(tree), "--snapshot", str(tmp_path / "none.json"))
    assert code == 2 and "no such file" in err


# --- diff on the command line ----------------------------------------------------------------------


@pytest.fixture
def snap(tree, tmp_path):
    path = tmp_path / "api.json"
    assert main(["snapshot", "--source", str(tree), "-o", str(path)]) == 0
    return path


def test_diff_exit_codes_follow_fail_on(tree, snap, capsys):
    assert run(capsys, "diff", str(snap), str(tree))[0] == 0
    write_java_tree(tree, {LIST: edit(ACME, LIST, '"search words"', '"words to search"')[LIST]})
    assert run(capsys, "diff", str(snap), str(tree))[0] == 0  # doc-only
    assert run(capsys, "diff", str(snap), str(tree), "--fail-on", "any")[0] == 1
    write_java_tree(tree, {CREATE: edit(ACME, CREATE, "extends BaseAsyncCmd", "extends BaseCmd")[CREATE]})
    code, out, err = run(capsys, "diff", str(snap), str(tree))
    assert code == 1
    assert "API createGadget changed from async to sync" in out
    assert "1 change(s) at or above --fail-on breaking" in err
    assert run(capsys, "diff", str(snap), str(tree), "--fail-on", "none")[0] == 0


def test_diff_formats(tree, snap, tmp_path, capsys):
    write_java_tree(tree, {CREATE: edit(ACME, CREATE, "{RoleType.Admin, RoleType.User}", "{RoleType.Admin}")[CREATE]})
    code, out, _ = run(capsys, "diff", str(snap), str(tree), "--format", "github")
    assert code == 1
    assert out.splitlines()[0] == (f"::error file={CREATE},line=4,title=flowdoc%3A breaking API change (role-removed)"
                                   "::API createGadget: role User removed")
    md = tmp_path / "drift.md"
    assert main(["diff", str(snap), str(tree), "--format", "markdown", "-o", str(md)]) == 1
    assert "#### ❌ Breaking (1)" in md.read_text()
    code, out, _ = run(capsys, "diff", str(snap), str(tree), "--format", "json")
    assert json.loads(out)["summary"]["breaking"] == 1


def test_response_field_changes_point_at_the_response_class(tree, tmp_path, capsys):
    from tests.check.test_drift import RESPONSE

    old = write_java_tree(tmp_path / "old", ACME)
    write_java_tree(tree, {RESPONSE: edit(ACME, RESPONSE, "private Long size;", "private String size;")[RESPONSE]})
    for _ in range(2):  # built, then from the model cache
        code, out, _ = run(capsys, "diff", str(old), str(tree), "--format", "json", "--cache-dir", str(tmp_path / "c"))
        assert code == 1
        changes = json.loads(out)["changes"]
        assert {(c["kind"], c["file"], c["line"]) for c in changes} == {("response-field-retyped", RESPONSE, 11)}


def test_check_passes_on_the_bundled_sample_with_the_bundled_pages(capsys):
    """A newcomer's first `flowdoc check` (default source and pages) finds nothing dangling:
    pages about CloudStack say so in their front matter and are checked only against it."""
    from flowdoc.site.build.config import BUNDLED_SITE_SRC

    code, out, err = run(capsys, "check", "--docs", str(BUNDLED_SITE_SRC))
    assert code == 0, out + err
    assert " 0 dangling" in out


def test_check_skips_pages_about_another_kind_of_tree(tree, tmp_path, capsys):
    docs = tmp_path / "kinds"
    docs.mkdir()
    (docs / "cs.md").write_text("---\nflowdoc_tree: cloudstack\n---\nCall `deployVirtualMachine`.\n")
    (docs / "plain.md").write_text("Call `listGadgets` or `destroyGadget`.\n")
    code, out, _ = run(capsys, "check", "--source", str(tree), "--docs", str(docs))
    assert code == 1
    assert "destroyGadget" in out and "deployVirtualMachine" not in out
    assert "1 pages" in out or "1 page" in out
