"""Index operations for the members' big tables. `AddIndexOnPostgres`: an index built on PostgreSQL
only, concurrently and only when missing, outside the migration state (migrations 0005 and 0007):
SQLite has no GIN index nor INCLUDE, and a district's members are few enough without them.
`AddModelIndex`: a model's declared index (0006), built concurrently on PostgreSQL so a country's
tables stay writable while it builds, plainly on SQLite. The migration loader skips this module
(its name starts with "_")."""

from django.contrib.postgres.operations import AddIndexConcurrently


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
