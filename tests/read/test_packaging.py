"""The packaging readers: RPM spec files, Debian control files, pom repositories, the root pom."""

from __future__ import annotations

from flowdoc.cli.common import sample_tree
from flowdoc.read.packaging import http_repositories, parse_control, parse_spec, project_name, read_packages

SPEC = """\
%define _rel 3
Name:      rocketry
Summary:   Rocket launcher
Version:   2.0
Release:   %{_rel}
BuildRequires: java-devel >= 11
BuildRequires: maven
%description
Launches rockets.

%package pad
Summary:   Launch pad service
Requires:  %{name} = %{version}, (tzdata or tzdata-java)
Requires:  python3
%description pad
Keeps the pad ready.
%if 0
%endif

%package -n other-tool
Summary: A tool
%description -n other-tool
Helps.

%build
mvn package
"""

CONTROL = """\
Source: rocketry
Build-Depends: debhelper (>= 9), maven

Package: rocketry-pad
Architecture: all
Depends: ${misc:Depends}, python3,
 rocketry-common (= ${source:Version})
Description: Launch pad service
 Keeps the pad
 .
 ready.
"""


def test_parse_spec():
    pkgs = {p.name: p for p in parse_spec(SPEC, "packaging/el/rocketry.spec")}
    assert list(pkgs) == ["rocketry", "rocketry-pad", "other-tool"]
    assert pkgs["rocketry-pad"].depends == ["rocketry = 2.0", "(tzdata or tzdata-java)", "python3"]
    assert pkgs["rocketry-pad"].description == "Keeps the pad ready."
    assert pkgs["rocketry"].build_depends == ["java-devel >= 11", "maven"]
    assert pkgs["other-tool"].summary == "A tool"


def test_parse_control():
    (pkg,) = parse_control(CONTROL, "debian/control")
    assert pkg.name == "rocketry-pad" and pkg.summary == "Launch pad service"
    assert pkg.depends == ["${misc:Depends}", "python3", "rocketry-common (= ${source:Version})"]
    assert pkg.description == "Keeps the pad ready."
    assert pkg.build_depends == ["debhelper (>= 9)", "maven"]


def test_sample_tree_packages_and_http_repositories():
    sample = sample_tree()
    names = {(p.format, p.name) for p in read_packages(sample)}
    assert {("deb", "nimbus-management"), ("rpm", "nimbus-agent"), ("rpm", "nimbus-common")} <= names
    repos = http_repositories(sample)
    assert [(r.file, r.url) for r in repos] == [("pom.xml", "http://repo.nimbus.example/maven2")]
    assert repos[0].line > 1


def test_project_name_from_the_root_pom(tmp_path):
    (tmp_path / "pom.xml").write_text('<project xmlns="http://maven.apache.org/POM/4.0.0">'
                                      '<artifactId>rocketry</artifactId><name>Rocketry Cloud</name></project>')
    assert project_name(tmp_path) == "Rocketry Cloud"
    (tmp_path / "pom.xml").write_text("<project><artifactId>rocketry</artifactId></project>")
    assert project_name(tmp_path) == "rocketry"
    (tmp_path / "pom.xml").write_text("<project><unclosed></project>")
    assert project_name(tmp_path) is None
