"""Spring XML bean definitions."""

from __future__ import annotations

from flowdoc.cli.common import sample_tree
from flowdoc.read.spring import load_spring_context, parse_spring_xml
from tests.helpers import write_java_tree

CONTEXT = """\
<?xml version="1.0" encoding="UTF-8"?>
<beans xmlns="http://www.springframework.org/schema/beans"
       xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
    <!-- a comment with <bean class="not.A.Bean"/> inside -->
    <bean id="pumpManager" class="org.acme.pump.ClusteredPumpManager">
        <property name="name" value="pumps" />
        <property name="helper" ref="pumpHelper" />
        <property name="drivers">
            <list>
                <ref bean="fastDriver" />
                <ref bean="slowDriver" />
                <bean class="org.acme.pump.InlineDriver" />
            </list>
        </property>
    </bean>
    <bean id="pumpHelper" name="helperAlias otherAlias" class="org.acme.pump.PumpHelper" />
    <bean id="baseDriver" class="org.acme.pump.BaseDriver" abstract="true" />
    <bean id="fastDriver" parent="baseDriver" />
    <bean id="slowDriver" class="org.acme.pump.SlowDriver">
        <constructor-arg ref="pumpHelper" />
    </bean>
</beans>
"""


def test_beans_with_lines_properties_and_nested_beans():
    beans, problems = parse_spring_xml("ctx.xml", CONTEXT)
    assert problems == []
    by_id = {b.id: b for b in beans if b.id}
    manager = by_id["pumpManager"]
    assert manager.class_name == "org.acme.pump.ClusteredPumpManager"
    assert manager.line == 5
    props = {p.name: p for p in manager.properties}
    assert props["name"].value == "pumps"
    assert props["helper"].ref == "pumpHelper"
    assert props["drivers"].refs == ("fastDriver", "slowDriver")
    assert props["drivers"].nested_classes == ("org.acme.pump.InlineDriver",)
    nested = [b for b in beans if b.nested]
    assert [b.class_name for b in nested] == ["org.acme.pump.InlineDriver"]
    assert by_id["pumpHelper"].aliases == ("helperAlias", "otherAlias")
    assert by_id["slowDriver"].constructor_refs == ("pumpHelper",)
    assert "not.A.Bean" not in {b.class_name for b in beans}


def test_context_indexes_classes_ids_and_parents(tmp_path):
    write_java_tree(tmp_path, {
        "pump/src/main/resources/META-INF/cloudstack/core/spring-pump-context.xml": CONTEXT,
        "pump/src/test/resources/META-INF/cloudstack/core/spring-test-context.xml":
            CONTEXT.replace("ClusteredPumpManager", "TestOnlyManager"),
        "pump/pom.xml": "<project/>",
    })
    ctx = load_spring_context(tmp_path)
    assert ctx.files == ("pump/src/main/resources/META-INF/cloudstack/core/spring-pump-context.xml",)
    assert ctx.declares("org.acme.pump.ClusteredPumpManager")
    assert not ctx.declares("org.acme.pump.TestOnlyManager")
    # a child bean inherits its class from an abstract parent; the abstract one is not live
    assert [b.id for b in ctx.beans_of_class("org.acme.pump.BaseDriver")] == ["fastDriver"]
    assert ctx.declares("org.acme.pump.InlineDriver")
    assert ctx.bean("helperAlias").id == "pumpHelper"
    assert ctx.problems == ()


def test_malformed_xml_is_a_problem_not_an_exception(tmp_path):
    write_java_tree(tmp_path, {
        "m/src/main/resources/META-INF/cloudstack/x/spring-bad-context.xml":
            "<beans>\n  <bean id='a' class='org.acme.A'>\n</beans>\n",
        "m/src/main/resources/META-INF/cloudstack/x/spring-good-context.xml":
            "<beans><bean id='b' class='org.acme.B'/></beans>",
        "m/src/main/resources/log4j.xml": "<configuration/>",
    })
    ctx = load_spring_context(tmp_path)
    assert ctx.declares("org.acme.B")
    assert not ctx.declares("org.acme.A")
    assert len(ctx.problems) == 1
    problem = ctx.problems[0]
    assert problem.kind == "spring-xml"
    assert problem.file.endswith("spring-bad-context.xml")
    assert problem.line == 3


def test_sample_tree_declares_the_clustered_agent_manager_only():
    ctx = load_spring_context(sample_tree())
    assert ctx.declares("org.nimbus.agent.ClusteredHostAgentManagerImpl")
    assert not ctx.declares("org.nimbus.agent.HostAgentManagerImpl")
    assert ctx.problems == ()


INJECTION_TREE = {
    "m/src/main/java/org/acme/inj/Store.java": "package org.acme.inj;\npublic interface Store { void put(String k); }\n",
    "m/src/main/java/org/acme/inj/DiskStore.java":
        "package org.acme.inj;\npublic class DiskStore implements Store { public void put(String k) { } }\n",
    "m/src/main/java/org/acme/inj/MemoryStore.java":
        "package org.acme.inj;\npublic class MemoryStore implements Store { public void put(String k) { } }\n",
    "m/src/main/java/org/acme/inj/Client.java": """
        package org.acme.inj;
        import java.util.List;
        import javax.inject.Inject;
        import javax.inject.Named;
        public class Client {
            @Inject Store memoryStore;
            @Inject @Named("diskStore") Store primary;
            @Inject Store anyStore;
            Store wiredByXml;
            Store viaSetter;
            List<Store> allStores;
            @Inject
            public void setViaSetter(Store s) { viaSetter = s; }
            public void setWiredByXml(Store s) { wiredByXml = s; }
            public void setAllStores(List<Store> s) { allStores = s; }
        }
        """,
    "m/src/main/resources/META-INF/cloudstack/x/spring-x-context.xml": """
        <beans>
            <bean id="diskStore" class="org.acme.inj.DiskStore" />
            <bean id="memoryStore" class="org.acme.inj.MemoryStore" />
            <bean id="client" class="org.acme.inj.Client">
                <property name="wiredByXml" ref="memoryStore" />
                <property name="allStores" value="#{storesRegistry.registered}" />
            </bean>
        </beans>
        """,
}


def test_injection_decisions(tmp_path):
    from flowdoc.analyze.symbols import build_symbol_index
    from flowdoc.read.spring import Injection
    from tests.helpers import scan_java_tree

    scan = scan_java_tree(tmp_path, INJECTION_TREE)
    index = build_symbol_index(scan)
    injection = Injection(index, load_spring_context(tmp_path))
    fields = {f.name: f for f in index.types["org.acme.inj.Client"].fields}

    def choice(name):
        return injection.field_beans("org.acme.inj.Client", fields[name])

    assert choice("memoryStore").classes == ("org.acme.inj.MemoryStore",)  # field name = bean id
    assert choice("memoryStore").how == "named"
    assert choice("primary").classes == ("org.acme.inj.DiskStore",)  # @Named qualifier
    assert choice("anyStore").how == "ambiguous"
    assert set(choice("anyStore").classes) == {"org.acme.inj.DiskStore", "org.acme.inj.MemoryStore"}
    assert choice("wiredByXml").classes == ("org.acme.inj.MemoryStore",)  # <property ref>
    assert choice("viaSetter") is not None  # setter injection
    assert choice("allStores").is_list and set(choice("allStores").classes) == {
        "org.acme.inj.DiskStore", "org.acme.inj.MemoryStore"}
