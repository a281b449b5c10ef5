"""A kiln farm's hand-offs (own names): a per-kiln work queue whose handler proxy picks the
handler by the work class's parameter type (reflection), a burner agent manager with a command
batch, command wrappers annotated per command in two plugin modules, a resource branching on
the command's class, and a message bus with a constant subject, an anonymous subscriber and a
reflective dispatcher."""

from __future__ import annotations

CORE = "core/src/main/java/org/kiln"
GAS = "plugins/burners/gas/src/main/java/org/kiln/gas"
WOOD = "plugins/burners/wood/src/main/java/org/kiln/wood"
ELEC = "plugins/burners/electric/src/main/java/org/kiln/electric"

FILES: dict[str, str] = {
    f"{CORE}/util/Pair.java": """
        package org.kiln.util;
        public class Pair<A, B> {
            public Pair(A a, B b) { }
        }
        """,
    f"{CORE}/work/VmWork.java": """
        package org.kiln.work;
        public class VmWork {
            protected long kilnId;
            public long getKilnId() { return kilnId; }
        }
        """,
    f"{CORE}/work/VmWorkFire.java": """
        package org.kiln.work;
        public class VmWorkFire extends VmWork {
            public VmWorkFire(long kilnId) { this.kilnId = kilnId; }
        }
        """,
    f"{CORE}/work/VmWorkCool.java": """
        package org.kiln.work;
        public class VmWorkCool extends VmWork {
            public VmWorkCool(long kilnId) { this.kilnId = kilnId; }
        }
        """,
    f"{CORE}/work/VmWorkGlaze.java": """
        package org.kiln.work;
        public class VmWorkGlaze extends VmWork {
            public VmWorkGlaze(long kilnId) { this.kilnId = kilnId; }
        }
        """,
    f"{CORE}/work/VmWorkJobHandlerProxy.java": """
        package org.kiln.work;
        import java.lang.reflect.Method;
        public class VmWorkJobHandlerProxy {
            private Object target;
            public VmWorkJobHandlerProxy(Object target) { this.target = target; }
            public Object handle(VmWork work) throws Exception {
                Method m = target.getClass().getDeclaredMethod("x", work.getClass());
                return m.invoke(target, work);
            }
        }
        """,
    f"{CORE}/work/VmWorkJobDispatcher.java": """
        package org.kiln.work;
        public class VmWorkJobDispatcher {
            private WorkHost host;
            public void runJob(String job) {
                host.handleVmWorkJob(new VmWork());
            }
        }
        """,
    f"{CORE}/work/WorkHost.java": """
        package org.kiln.work;
        public interface WorkHost {
            Object handleVmWorkJob(VmWork work);
        }
        """,
    f"{CORE}/work/WorkQueue.java": """
        package org.kiln.work;
        public interface WorkQueue {
            void submit(VmWork work);
        }
        """,
    f"{CORE}/agent/Command.java": """
        package org.kiln.agent;
        public abstract class Command {
        }
        """,
    f"{CORE}/agent/Answer.java": """
        package org.kiln.agent;
        public class Answer {
            public Answer(Command cmd) { }
        }
        """,
    f"{CORE}/agent/IgniteCommand.java": """
        package org.kiln.agent;
        public class IgniteCommand extends Command {
        }
        """,
    f"{CORE}/agent/IgniteAnswer.java": """
        package org.kiln.agent;
        public class IgniteAnswer extends Answer {
            public IgniteAnswer(IgniteCommand cmd) { super(cmd); }
        }
        """,
    f"{CORE}/agent/ExtinguishCommand.java": """
        package org.kiln.agent;
        public class ExtinguishCommand extends Command {
        }
        """,
    f"{CORE}/agent/QuickExtinguishCommand.java": """
        package org.kiln.agent;
        public class QuickExtinguishCommand extends ExtinguishCommand {
        }
        """,
    f"{CORE}/agent/Commands.java": """
        package org.kiln.agent;
        import java.util.ArrayList;
        import java.util.List;
        public class Commands {
            private final List<Command> cmds = new ArrayList<>();
            public Commands() { }
            public Commands(Command cmd) { addCommand(cmd); }
            public void addCommand(Command cmd) { cmds.add(cmd); }
        }
        """,
    f"{CORE}/agent/AgentManager.java": """
        package org.kiln.agent;
        public interface AgentManager {
            Answer send(Long hostId, Command cmd);
            Answer[] send(Long hostId, Commands cmds);
            Answer easySend(Long hostId, Command cmd);
        }
        """,
    f"{CORE}/agent/AgentManagerImpl.java": """
        package org.kiln.agent;
        public class AgentManagerImpl implements AgentManager {
            public Answer send(Long hostId, Command cmd) { return tag(cmd); }
            public Answer[] send(Long hostId, Commands cmds) { tag(null); return null; }
            public Answer easySend(Long hostId, Command cmd) { return send(hostId, cmd); }
            Answer tag(Command cmd) { return null; }
        }
        """,
    f"{CORE}/agent/ResourceWrapper.java": """
        package org.kiln.agent;
        public @interface ResourceWrapper {
            Class<? extends Command> handles();
        }
        """,
    f"{GAS}/GasIgniteWrapper.java": """
        package org.kiln.gas;
        import org.kiln.agent.IgniteAnswer;
        import org.kiln.agent.IgniteCommand;
        import org.kiln.agent.ResourceWrapper;
        @ResourceWrapper(handles = IgniteCommand.class)
        public final class GasIgniteWrapper {
            public IgniteAnswer execute(final IgniteCommand command, final GasResource resource) {
                resource.openValve();
                return new IgniteAnswer(command);
            }
        }
        """,
    f"{GAS}/GasExtinguishWrapper.java": """
        package org.kiln.gas;
        import org.kiln.agent.Answer;
        import org.kiln.agent.ExtinguishCommand;
        import org.kiln.agent.ResourceWrapper;
        @ResourceWrapper(handles = ExtinguishCommand.class)
        public final class GasExtinguishWrapper {
            public Answer execute(final ExtinguishCommand command, final GasResource resource) {
                return new Answer(command);
            }
        }
        """,
    f"{GAS}/GasResource.java": """
        package org.kiln.gas;
        public class GasResource {
            public void openValve() { }
        }
        """,
    f"{WOOD}/WoodIgniteWrapper.java": """
        package org.kiln.wood;
        import org.kiln.agent.Answer;
        import org.kiln.agent.IgniteCommand;
        import org.kiln.agent.ResourceWrapper;
        @ResourceWrapper(handles = IgniteCommand.class)
        public final class WoodIgniteWrapper {
            public Answer execute(final IgniteCommand command, final Object resource) {
                return new Answer(command);
            }
        }
        """,
    f"{ELEC}/ElectricResource.java": """
        package org.kiln.electric;
        import org.kiln.agent.Answer;
        import org.kiln.agent.Command;
        import org.kiln.agent.ExtinguishCommand;
        import org.kiln.agent.IgniteCommand;
        public class ElectricResource {
            protected Extinguisher extinguisher;
            public Answer executeRequest(Command cmd) {
                Class<? extends Command> clz = cmd.getClass();
                if (clz == IgniteCommand.class) {
                    checkFuse((IgniteCommand) cmd);  // a check first: not the handler
                    return execute((IgniteCommand) cmd);
                } else if (clz == ExtinguishCommand.class) {
                    return extinguisher.put((ExtinguishCommand) cmd);  // a field's class handles it
                }
                return null;
            }
            protected void checkFuse(IgniteCommand cmd) { }
            protected Answer execute(IgniteCommand cmd) { return new Answer(cmd); }
        }
        """,
    f"{CORE}/electric/Extinguisher.java": """
        package org.kiln.electric;
        import org.kiln.agent.Answer;
        import org.kiln.agent.ExtinguishCommand;
        public interface Extinguisher {
            Answer put(ExtinguishCommand cmd);
        }
        """,
    f"{CORE}/electric/ElectricExtinguisher.java": """
        package org.kiln.electric;
        import org.kiln.agent.Answer;
        import org.kiln.agent.ExtinguishCommand;
        public class ElectricExtinguisher implements Extinguisher {
            public Answer put(ExtinguishCommand cmd) { return new Answer(cmd); }
        }
        """,
    f"{CORE}/bus/MessageSubscriber.java": """
        package org.kiln.bus;
        public interface MessageSubscriber {
            void onPublishMessage(String senderAddress, String subject, Object args);
        }
        """,
    f"{CORE}/bus/MessageBus.java": """
        package org.kiln.bus;
        public interface MessageBus {
            void subscribe(String subject, MessageSubscriber subscriber);
            void publish(String senderAddress, String subject, String scope, Object args);
        }
        """,
    f"{CORE}/bus/MessageHandler.java": """
        package org.kiln.bus;
        public @interface MessageHandler {
            String topic();
        }
        """,
    f"{CORE}/bus/MessageDispatcher.java": """
        package org.kiln.bus;
        public class MessageDispatcher implements MessageSubscriber {
            public static MessageDispatcher getDispatcher(Object target) { return new MessageDispatcher(); }
            public void onPublishMessage(String senderAddress, String subject, Object args) { }
        }
        """,
    f"{CORE}/KilnManagerImpl.java": """
        package org.kiln;
        import javax.inject.Inject;
        import org.kiln.agent.AgentManager;
        import org.kiln.agent.Command;
        import org.kiln.agent.Commands;
        import org.kiln.agent.ExtinguishCommand;
        import org.kiln.agent.IgniteCommand;
        import org.kiln.agent.QuickExtinguishCommand;
        import org.kiln.bus.MessageBus;
        import org.kiln.bus.MessageDispatcher;
        import org.kiln.bus.MessageHandler;
        import org.kiln.bus.MessageSubscriber;
        import org.kiln.util.Pair;
        import org.kiln.work.VmWork;
        import org.kiln.work.VmWorkCool;
        import org.kiln.work.VmWorkFire;
        import org.kiln.work.VmWorkGlaze;
        import org.kiln.work.VmWorkJobHandlerProxy;
        import org.kiln.work.WorkQueue;

        public class KilnManagerImpl {
            public static final String TOPIC_FIRED = "kiln.fired";
            private VmWorkJobHandlerProxy proxy = new VmWorkJobHandlerProxy(this);
            @Inject
            private WorkQueue queue;
            @Inject
            private AgentManager agentMgr;
            @Inject
            private MessageBus bus;

            public void configure() {
                bus.subscribe(TOPIC_FIRED, new MessageSubscriber() {
                    public void onPublishMessage(String senderAddress, String subject, Object args) {
                        logFired();
                    }
                });
                bus.subscribe(TOPIC_FIRED, MessageDispatcher.getDispatcher(this));
            }

            public Object handleVmWorkJob(VmWork work) throws Exception {
                return proxy.handle(work);
            }

            public void fireThroughQueue(long kilnId) {
                VmWorkFire work = new VmWorkFire(kilnId);
                queue.submit(work);
            }

            public void coolThroughQueue(long kilnId) {
                queue.submit(new VmWorkCool(kilnId));
            }

            public void glazeThroughQueue(long kilnId) {
                queue.submit(new VmWorkGlaze(kilnId));  // no handler takes VmWorkGlaze
            }

            private Pair<String, String> orchestrateFire(VmWorkFire work) {
                Commands cmds = new Commands();
                cmds.addCommand(new IgniteCommand());
                agentMgr.send(work.getKilnId(), cmds);
                bus.publish("kiln", TOPIC_FIRED, "local", work);
                return null;
            }

            private Pair<String, String> orchestrateCool(VmWorkCool work) {
                agentMgr.easySend(work.getKilnId(), new QuickExtinguishCommand());
                Command unknown = pick();
                agentMgr.send(work.getKilnId(), unknown);  // only the base type is known: no edge
                return null;
            }

            private String orchestrateGlaze(VmWorkFire work) {  // not a handler: returns no Pair
                return null;
            }

            public void addStop(Commands cmds) {
                cmds.addCommand(new ExtinguishCommand());  // the caller sends the batch
            }

            Command pick() { return null; }

            void logFired() { }

            @MessageHandler(topic = TOPIC_FIRED)
            public void onFired(String senderAddress, String subject, Object args) { }

            @MessageHandler(topic = "kiln.other")
            public void onOther(String senderAddress, String subject, Object args) { }
        }
        """,
}
