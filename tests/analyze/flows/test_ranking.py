"""Flows ranked for reading on a fixture tree: the main path first, side steps folded by kind."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from flowdoc.analyze.callgraph import build_call_graph
from flowdoc.analyze.flows import build_flow, format_flow_text
from flowdoc.analyze.flows.ranking import MAIN, folded_summary, reading_tree
from flowdoc.analyze.flows.reading import CHAIN
from flowdoc.analyze.symbols import build_symbol_index
from tests.callgraph_fixture import FILES
from tests.helpers import scan_java_tree

R = "org.acme.refill."
SRC = "server/src/main/java/org/acme/refill"

# A command whose services check access through a checker bean, read the command's values,
# call a DAO of the generic DAO interface, validate, read a getter, and hand work to a thread.
REFILL_FILES = {
    "api/src/main/java/org/acme/api/command/RefillPumpCmd.java": """
        package org.acme.api.command;

        import javax.inject.Inject;
        import org.acme.api.BaseAsyncCreateCmd;
        import org.acme.refill.RefillService;
        import org.acme.refill.Volumes;

        public class RefillPumpCmd extends BaseAsyncCreateCmd {
            @Inject
            public RefillService _refillService;
            private String volumes;
            private long id;

            @Override
            public void create() {
                setEntityId(_refillService.allocateRefill(this));
            }

            @Override
            public void execute() {
                _refillService.refill(id);
            }

            public long getVolume() {
                return Volumes.parse(volumes);
            }
        }
        """,
    f"{SRC}/Volumes.java": """
        package org.acme.refill;

        public class Volumes {
            public static long parse(String text) {
                return Long.parseLong(text.trim());
            }
        }
        """,
    f"{SRC}/RefillService.java": """
        package org.acme.refill;

        import org.acme.api.command.RefillPumpCmd;

        public interface RefillService {
            long allocateRefill(RefillPumpCmd cmd);

            void refill(long id);
        }
        """,
    f"{SRC}/SecurityChecker.java": """
        package org.acme.refill;

        public interface SecurityChecker {
            boolean checkAccess(long owner, long id);
        }
        """,
    f"{SRC}/OwnerChecker.java": """
        package org.acme.refill;

        public class OwnerChecker implements SecurityChecker {
            @Override
            public boolean checkAccess(long owner, long id) {
                System.out.println("owner " + owner + " of " + id);
                return owner == id;
            }
        }
        """,
    f"{SRC}/AccountManager.java": """
        package org.acme.refill;

        public interface AccountManager {
            void checkAccess(long id);

            String nameOf(long id);
        }
        """,
    f"{SRC}/AccountManagerImpl.java": """
        package org.acme.refill;

        import java.util.List;
        import javax.inject.Inject;

        public class AccountManagerImpl implements AccountManager {
            @Inject
            List<SecurityChecker> checkers;

            @Override
            public void checkAccess(long id) {
                for (SecurityChecker checker : checkers) {
                    checker.checkAccess(1L, id);
                }
            }

            @Override
            public String nameOf(long id) {
                return String.valueOf(id).trim();
            }
        }
        """,
    f"{SRC}/GenericDao.java": """
        package org.acme.refill;

        import java.util.List;

        public interface GenericDao<T, K> {
            List<T> listAll();
        }
        """,
    f"{SRC}/RefillDao.java": """
        package org.acme.refill;

        import java.util.List;

        public interface RefillDao extends GenericDao<String, Long> {
            List<String> findPending(long id);
        }
        """,
    f"{SRC}/RefillDaoImpl.java": """
        package org.acme.refill;

        import java.util.List;

        public class RefillDaoImpl implements RefillDao {
            @Override
            public List<String> listAll() {
                return null;
            }

            @Override
            public List<String> findPending(long id) {
                return listAll();
            }
        }
        """,
    f"{SRC}/RefillException.java": """
        package org.acme.refill;

        public class RefillException extends RuntimeException {
            public RefillException(String message) {
                super(message);
            }
        }
        """,
    f"{SRC}/RefillServiceImpl.java": """
        package org.acme.refill;

        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Executors;
        import javax.inject.Inject;
        import org.acme.api.command.RefillPumpCmd;
        import org.acme.jobs.ContextRunnable;

        public class RefillServiceImpl implements RefillService {
            @Inject
            AccountManager accountManager;
            @Inject
            RefillDao refillDao;
            private final ExecutorService workers = Executors.newFixedThreadPool(1);
            private long level;

            @Override
            public long allocateRefill(RefillPumpCmd cmd) {
                accountManager.checkAccess(cmd.getVolume());
                validate(cmd.getVolume());
                refillDao.findPending(capacity());
                schedule(accountManager.nameOf(cmd.getVolume()));
                return capacity();
            }

            @Override
            public void refill(long id) {
                accountManager.checkAccess(id);
                schedule("refill " + id);
                startWorker(id);
                refillDao.findPending(id);
            }

            void validate(long volume) {
                if (volume < 0) {
                    String text = "negative volume " + volume;
                    throw new RefillException(text);
                }
                System.out.println(volume);
            }

            long capacity() {
                long base = level;
                long spare = base / 10;
                // what is left after the spare
                long usable = base - spare;
                return usable;
            }

            void schedule(String what) {
                System.out.println(what.trim());
            }

            void startWorker(final long id) {
                workers.submit(new ContextRunnable() {
                    @Override
                    protected void runInContext() {
                        pour(id);
                    }
                });
            }

            void pour(long id) {
                schedule("pour " + id);
            }
        }
        """,
    "server/src/main/resources/META-INF/cloudstack/refill/spring-acme-refill-context.xml": """
        <?xml version="1.0" encoding="UTF-8"?>
        <beans xmlns="http://www.springframework.org/schema/beans">
            <bean id="refillServiceImpl" class="org.acme.refill.RefillServiceImpl" />
            <bean id="accountManagerImpl" class="org.acme.refill.AccountManagerImpl" />
            <bean id="ownerChecker" class="org.acme.refill.OwnerChecker" />
            <bean id="refillDaoImpl" class="org.acme.refill.RefillDaoImpl" />
        </beans>
        """,
}

REFILL = SimpleNamespace(name="refillPump", class_name="org.acme.api.command.RefillPumpCmd", isasync=True,
                         async_create=True)


@pytest.fixture(scope="module")
def refill_flow(tmp_path_factory):
    scan = scan_java_tree(tmp_path_factory.mktemp("refill"), {**FILES, **REFILL_FILES})
    index = build_symbol_index(scan)
    graph = build_call_graph(scan, index)
    return build_flow(REFILL, graph, index)


def short(node: str) -> str:
    head = node.split("(")[0]
    return ".".join(head.split(".")[-2:])


def ranks(flow) -> dict[str, str]:
    return {short(s.node): s.rank for s in flow.steps}


def test_side_kinds_come_from_the_hierarchy_and_facts(refill_flow):
    got = ranks(refill_flow)
    assert got["AccountManagerImpl.checkAccess"] == "access"  # a checker bean reaching a checker
    assert got["AccountManagerImpl.nameOf"] == "call"  # same bean, never reaches a checker
    assert got["RefillPumpCmd.getVolume"] == "parameters"  # the command's own value
    assert got["RefillDaoImpl.findPending"] == "dao"  # implements the generic DAO interface
    assert got["RefillServiceImpl.validate"] == "validation"  # void, throws what it constructs
    assert got["RefillServiceImpl.capacity"] == "getter"  # no parameters, a value, no calls
    assert got["RefillServiceImpl.schedule"] == "call"


def test_main_path_is_the_framework_the_service_calls_and_what_leads_to_a_hand_off(refill_flow):
    main = [short(s.node) for s in refill_flow.steps if s.rank == MAIN]
    assert main == [
        "ApiServlet.processRequest", "ApiServer.handleRequest", "ApiServer.queueCommand",
        "ApiDispatcher.dispatchCreateCmd", "RefillPumpCmd.create", "RefillServiceImpl.allocateRefill",
        "JobManagerImpl.submitJob", "JobManagerImpl.makeRunnable", "JobManagerImpl$1.runInContext",
        "ApiJobDispatcher.runJob", "ApiDispatcher.dispatch", "RefillPumpCmd.execute",
        "RefillServiceImpl.refill", "RefillServiceImpl.startWorker", "RefillServiceImpl$1.runInContext",
    ]
    # the worker's own calls past its hand-off lead nowhere further: folded under it
    assert ranks(refill_flow)["RefillServiceImpl.pour"] == "call"


def test_folded_counts_by_kind_under_each_main_step(refill_flow):
    steps = refill_flow.steps
    tree = reading_tree([s.depth for s in steps], [s.rank for s in steps])
    by_name = {}

    def walk(node):
        by_name.setdefault(short(steps[node.index].node), node)
        for c in node.children:
            walk(c)

    for root in tree:
        walk(root)
    allocate = by_name["RefillServiceImpl.allocateRefill"]
    assert allocate.main == []
    assert folded_summary(allocate) == ("2 calls, 1 validation, 1 command value, 1 getter, 1 DAO call,"
                                        " 1 access check")
    assert [short(steps[c.index].node) for c in allocate.side] == [
        "AccountManagerImpl.nameOf", "RefillServiceImpl.schedule", "RefillServiceImpl.validate",
        "RefillPumpCmd.getVolume", "RefillServiceImpl.capacity", "RefillDaoImpl.findPending",
        "AccountManagerImpl.checkAccess"]
    refill = by_name["RefillServiceImpl.refill"]
    assert [short(steps[c.index].node) for c in refill.main] == ["RefillServiceImpl.startWorker"]
    assert folded_summary(refill) == "1 call, 1 DAO call, 1 access check"


def test_text_view_shows_the_main_path_first_with_counts(refill_flow):
    text = format_flow_text(refill_flow)
    rows = text.splitlines()[2:]
    names = [r.split()[1] for r in rows if r.split()[0] in ("*", "->", "=>", CHAIN)]
    assert len(names) == 15 and names[5].startswith("RefillServiceImpl.allocateRefill")
    assert names[-1].startswith("RefillServiceImpl$1.runInContext")
    allocate = next(r for r in rows if "allocateRefill" in r)
    assert "(folded: 2 calls, 1 validation, 1 command value, 1 getter, 1 DAO call, 1 access check)" in allocate
    assert "defined server/src/main/java/org/acme/refill/RefillServiceImpl.java:" in allocate
    assert "called at line 16" in allocate  # in RefillPumpCmd.create(), the row above
    assert "checkAccess" not in text  # folded
    every = format_flow_text(refill_flow, show_all=True)
    assert "AccountManagerImpl.checkAccess(long)  [inject, access check]" in every
    # the side steps come after the main path: the access check of refill() after the worker
    assert every.index("RefillServiceImpl$1.runInContext") < every.rindex("AccountManagerImpl.checkAccess")
