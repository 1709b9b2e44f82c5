"""An index built on PostgreSQL only, concurrently and only when missing, outside the migration
state (migrations 0005 and 0007): SQLite has no GIN index nor INCLUDE, and a district's members
are few enough without them. The migration loader skips this module (its name starts with "_")."""

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
