"""Index operations for the members' big tables. `AddIndexOnPostgres`: an index built on PostgreSQL
only, concurrently and only when missing, outside the migration state (migrations 0005 and 0007):
SQLite has no GIN index nor INCLUDE, and a district's members are few enough without them.
`AddModelIndex`: a model's declared index (0006), built concurrently on PostgreSQL so a country's
tables stay writable while it builds, plainly on SQLite. `DropColumnIndex`: a foreign key's own
index dropped by name (0014). The migration loader skips this module (its name starts with "_")."""

from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations


class AddIndexOnPostgres(AddIndexConcurrently):
    def state_forwards(self, app_label, state):
        pass  # not a model index: the models stay the same on every database

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [self.index.name])
            if cursor.fetchone():
                return
        super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        self._ensure_not_in_transaction(schema_editor)
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {schema_editor.quote_name(self.index.name)}")


class DropIndexOnPostgres(AddIndexOnPostgres):
    """The reverse: drop the index (when there) going forwards, build it again going backwards."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        super().database_backwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        super().database_forwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return f"Drop index {self.index.name} on PostgreSQL"


class AddModelIndex(AddIndexConcurrently):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            return super().database_forwards(app_label, schema_editor, from_state, to_state)
        model = to_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            schema_editor.add_index(model, self.index)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            return super().database_backwards(app_label, schema_editor, from_state, to_state)
        model = from_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            schema_editor.remove_index(model, self.index)


class DropColumnIndex(migrations.operations.base.Operation):
    """The database side of turning off a foreign key's own index (db_index=False, the state side
    being the AlterField): the single-column index `name` on `field`'s column, dropped by its
    name — Django's, the same on every database — concurrently on PostgreSQL so a country's tables
    stay writable meanwhile, plainly on SQLite, where AlterField would copy the whole table.
    Backwards it is built again the same way."""

    reversible = True

    def __init__(self, model_name: str, field: str, name: str):
        self.model_name, self.field, self.name = model_name, field, name

    def deconstruct(self):
        return self.__class__.__name__, [], {"model_name": self.model_name, "field": self.field, "name": self.name}

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if self._allowed(app_label, schema_editor, to_state):
            schema_editor.execute(
                f"DROP INDEX{self._concurrently(schema_editor)} IF EXISTS {schema_editor.quote_name(self.name)}"
            )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        model = self._allowed(app_label, schema_editor, to_state)
        if model:
            qn = schema_editor.quote_name
            column = model._meta.get_field(self.field).column
            schema_editor.execute(
                f"CREATE INDEX{self._concurrently(schema_editor)} IF NOT EXISTS {qn(self.name)} "
                f"ON {qn(model._meta.db_table)} ({qn(column)})"
            )

    def _allowed(self, app_label, schema_editor, state):
        model = state.apps.get_model(app_label, self.model_name)
        return model if self.allow_migrate_model(schema_editor.connection.alias, model) else None

    @staticmethod
    def _concurrently(schema_editor) -> str:
        return " CONCURRENTLY" if schema_editor.connection.vendor == "postgresql" else ""

    def describe(self):
        return f"Drop index {self.name} on {self.model_name}.{self.field}"
