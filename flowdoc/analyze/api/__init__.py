"""API model: every ``@APICommand`` class of the tree, one entry per API name.

``build_api_model(scan, index=None) -> ApiModel``; ``ApiModel.as_dict()`` is the JSON
contract of ``shared/api-model.md`` (schema ``flowdoc.api/1``) and ``ApiModel.from_dict``
reads it back. The rules follow what CloudStack's API discovery (``listApis``) does at run
time, read from the source instead of from loaded classes:

- a class is a command when it carries ``@APICommand``; test folders are left out;
- ``registered``: a ``getCommands()`` method of any class (CloudStack's ``PluggableService``
  implementations: the management server and the plugins) lists the class literal, directly
  or through a helper method of the same class;
- ``params``: ``@Parameter`` fields of the class and of its superclasses, except those of the
  framework roots ``BaseCmd``, ``BaseAsyncCmd`` and ``BaseAsyncCreateCmd`` (``response``,
  ``starteventid``, ``customjobid``), which ``listApis`` leaves out for every command;
- ``response_fields``: fields with both ``@SerializedName`` and ``@Param`` of the response
  class and its superclasses; a ``@Param(responseObject = X.class)`` whose class extends
  the response base class carries X's own fields nested, as ``listApis`` does;
- annotation defaults (``responseView``, ``length``, ...) are read from the annotation
  declarations in the tree when they are there, else CloudStack's defaults apply.

The package: :mod:`.model` (the data and its JSON), :mod:`.build` (the model of a tree),
:mod:`.builder` (one command's facts), :mod:`.registration` (``getCommands()``),
:mod:`.categories` (human groupings).
"""

from __future__ import annotations

from flowdoc.analyze.api.build import build_api_model
from flowdoc.analyze.api.categories import category_for
from flowdoc.analyze.api.model import SCHEMA, ApiCommand, ApiModel, ApiParameter, ApiVariant, ResponseField
from flowdoc.analyze.exprtext import expr_text

__all__ = ["SCHEMA", "ApiCommand", "ApiModel", "ApiParameter", "ApiVariant", "ResponseField", "build_api_model",
           "category_for", "expr_text"]
