"""Reports over the API model and the checks: text, markdown, json, github annotations, listApis, apidoc XML."""
