CREATE TABLE this_migration_is_broken (id int PRIMARY KEY, CHECK (no_such_column > 0));
