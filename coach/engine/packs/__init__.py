"""The rule-pack format, in one package.

- ``model``: the values a pack becomes (``Pack``, ``Rule``, ``Override``, ``Example``);
- ``fields``: the format's tables (pack and rule fields, what may change on a rule);
- ``yamlsrc``: safe YAML that remembers positions; ``checks``: field checks that collect
  located problems; ``parse``: a YAML pack into a ``Pack`` (each kind checks its own fields);
- ``sources``: where packs are and loading them; ``resolve``: the rules in force;
- ``lint``, ``examples``: ``coach packs validate`` and ``coach packs test``;
- ``json_schema``: the format as a JSON Schema, built from the tables and each kind's shape.

Nothing is re-exported here, so that importing one module loads only what it needs.
"""
