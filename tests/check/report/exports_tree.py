"""A small CloudStack-shaped tree for the listApis and apidoc exports (package org.kappa,
written for these tests): two services registering commands, a user + admin variant, nested
response objects, a field shadowing its superclass's, a hidden parameter and role-limited ones."""

from __future__ import annotations

from pathlib import Path

from flowdoc.analyze.api import ApiModel, build_api_model
from flowdoc.analyze.symbols import build_symbol_index
from tests.helpers import scan_java_tree

API = "core/src/main/java/org/kappa/api"
H = "package org.kappa.api;\n"
R = "package org.kappa.api.response;\nimport org.kappa.api.*;\nimport org.kappa.serial.*;\n"
C = "import org.kappa.api.*;\nimport org.kappa.api.response.*;\nimport org.kappa.acl.RoleType;\n"

TREE = {
    f"{API}/APICommand.java": H + """
        import org.kappa.acl.RoleType;
        public @interface APICommand {
            Class<?> responseObject(); String name() default ""; String description() default "";
            String since() default ""; String usage() default ""; boolean includeInApiDoc() default true;
            RoleType[] authorized() default {};
        }
        """,
    f"{API}/Parameter.java": H + """
        import org.kappa.acl.RoleType;
        public @interface Parameter {
            String name() default ""; String description() default ""; boolean required() default false;
            BaseCmd.CommandType type() default BaseCmd.CommandType.OBJECT; Class<?>[] entityType() default Object.class;
            boolean expose() default true; boolean includeInApiDoc() default true; int length() default 255;
            String since() default ""; RoleType[] authorized() default {};
        }
        """,
    "core/src/main/java/org/kappa/acl/RoleType.java": "package org.kappa.acl;\npublic enum RoleType { Admin, DomainAdmin, User }\n",
    "core/src/main/java/org/kappa/serial/SerializedName.java": "package org.kappa.serial;\npublic @interface SerializedName { String value(); }\n",
    "core/src/main/java/org/kappa/serial/Param.java": """
        package org.kappa.serial;
        public @interface Param { String description() default ""; Class<?> responseObject() default Object.class;
            String since() default ""; boolean includeInApiDoc() default true; }
        """,
    f"{API}/AdminCmd.java": H + "public interface AdminCmd { }\n",
    f"{API}/BaseCmd.java": H + """
        public abstract class BaseCmd {
            public enum CommandType { BOOLEAN, INTEGER, LIST, LONG, MAP, OBJECT, STRING, UUID }
            @Parameter(name = "response", type = CommandType.STRING)
            private String responseType;
        }
        """,
    f"{API}/BaseAsyncCmd.java": H + "public abstract class BaseAsyncCmd extends BaseCmd { }\n",
    f"{API}/BaseResponse.java": H + """
        import org.kappa.serial.*;
        public abstract class BaseResponse {
            private transient String objectName;
            @SerializedName("jobid") @Param(description = "the job")
            protected String jobId;
        }
        """,
    f"{API}/response/SuccessResponse.java": R + """
        public class SuccessResponse extends BaseResponse {
            @SerializedName("success") @Param(description = "true when done") private Boolean success;
        }
        """,
    f"{API}/response/LidResponse.java": R + """
        public class LidResponse extends BaseResponse {
            @SerializedName("color") @Param(description = "lid color") private String color;
            private int cached;
        }
        """,
    f"{API}/response/JarResponse.java": R + """
        import java.util.List;
        public class JarResponse extends BaseResponse {
            @SerializedName("id") @Param(description = "the jar id") private String id;
            @SerializedName("volume") @Param(description = "millilitres", since = "2.1") private Long volume;
            @SerializedName("lids") @Param(description = "its lids", responseObject = LidResponse.class)
            private List<LidResponse> lids;
            @SerializedName("secret") @Param(description = "not in the docs", includeInApiDoc = false)
            private String secret;
            @SerializedName("jobid") @Param(description = "the jar's own job") private String jarJob;
        }
        """,
    f"{API}/command/user/ListJarsCmd.java": "package org.kappa.api.command.user;\n" + C + """
        @APICommand(name = "listJars", description = "Lists jars.", responseObject = JarResponse.class,
                authorized = {RoleType.Admin, RoleType.DomainAdmin, RoleType.User})
        public class ListJarsCmd extends BaseCmd {
            @Parameter(name = "id", type = CommandType.UUID, entityType = JarResponse.class, description = "jar id")
            private Long id;
            @Parameter(name = "keyword", type = CommandType.STRING, description = "free text", since = "1.1")
            private String keyword;
            @Parameter(name = "zone", type = CommandType.STRING, authorized = {RoleType.Admin})
            private String zone;
        }
        """,
    f"{API}/command/admin/ListJarsCmdByAdmin.java": "package org.kappa.api.command.admin;\n" + C + """
        import org.kappa.api.command.user.ListJarsCmd;
        @APICommand(name = "listJars", description = "Lists jars (admin).", responseObject = JarResponse.class)
        public class ListJarsCmdByAdmin extends ListJarsCmd implements AdminCmd {
            @Parameter(name = "hostid", type = CommandType.UUID, description = "host")
            private Long hostId;
            @Parameter(name = "internal", type = CommandType.STRING, expose = false)
            private String internal;
        }
        """,
    f"{API}/command/user/FillJarCmd.java": "package org.kappa.api.command.user;\n" + C + """
        @APICommand(name = "fillJar", description = "Fills a jar.", responseObject = JarResponse.class, since = "1.0",
                authorized = {RoleType.Admin, RoleType.User})
        public class FillJarCmd extends BaseAsyncCmd {
            @Parameter(name = "id", type = CommandType.UUID, entityType = JarResponse.class, required = true,
                    description = "jar id")
            private Long id;
            @Parameter(name = "amount", type = CommandType.INTEGER, required = true, description = "how much <ml>")
            private Integer amount;
            @Parameter(name = "details", type = CommandType.MAP, description = "extra")
            private java.util.Map details;
        }
        """,
    f"{API}/command/user/DropJarCmd.java": "package org.kappa.api.command.user;\n" + C + """
        @APICommand(name = "dropJar", description = "Drops a jar.", responseObject = SuccessResponse.class)
        public class DropJarCmd extends BaseCmd {
            @Parameter(name = "id", type = CommandType.UUID, entityType = JarResponse.class, required = true)
            private Long id;
        }
        """,
    f"{API}/command/user/PeekJarCmd.java": "package org.kappa.api.command.user;\n" + C + """
        @APICommand(name = "peekJar", description = "Hidden.", responseObject = JarResponse.class, includeInApiDoc = false)
        public class PeekJarCmd extends BaseCmd { }
        """,
    "server/src/main/java/org/kappa/server/ManagementServer.java": """
        package org.kappa.server;
        import java.util.ArrayList;
        import java.util.List;
        import org.kappa.api.command.user.*;
        import org.kappa.api.command.admin.ListJarsCmdByAdmin;
        public class ManagementServer {
            public List<Class<?>> getCommands() {
                List<Class<?>> cmdList = new ArrayList<>();
                cmdList.add(FillJarCmd.class);
                cmdList.add(ListJarsCmd.class);
                cmdList.add(DropJarCmd.class);
                cmdList.add(PeekJarCmd.class);
                cmdList.add(ListJarsCmdByAdmin.class);
                return cmdList;
            }
        }
        """,
    "plugins/shelf/src/main/java/org/kappa/shelf/ShelfService.java": """
        package org.kappa.shelf;
        import java.util.List;
        import java.util.Arrays;
        public class ShelfService {
            public List<Class<?>> getCommands() { return Arrays.asList(StackJarCmd.class); }
        }
        """,
    "plugins/shelf/src/main/java/org/kappa/shelf/StackJarCmd.java": "package org.kappa.shelf;\n" + C + """
        @APICommand(name = "stackJar", description = "Stacks a jar.", responseObject = JarResponse.class)
        public class StackJarCmd extends BaseCmd { }
        """,
}


def exports_model(tmp_path: Path) -> ApiModel:
    scan = scan_java_tree(tmp_path / "tree", TREE)
    return build_api_model(scan, build_symbol_index(scan))
