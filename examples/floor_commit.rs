//! The floor `benches/e2e.rs` measures nook's durable writes (`nook add`,
//! `nook log`) against: one redb commit as a whole process. It opens the
//! redb file at PATH (creating it if needed), inserts one row in one write
//! transaction, commits with redb's default durability (Immediate: the
//! commit is on disk when it returns) and exits, dropping the database,
//! which closes the file the way redb does (with its own syncs). No specs,
//! no model, no output.
//!
//! ```sh
//! cargo run --release --example floor_commit -- /tmp/floor.redb
//! ```

use std::time::{SystemTime, UNIX_EPOCH};

use redb::{Database, TableDefinition};

const ROWS: TableDefinition<u64, &str> = TableDefinition::new("rows");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args_os()
        .nth(1)
        .ok_or("usage: floor_commit PATH (a redb file, created if missing)")?;
    let db = Database::create(path)?;
    // A new key each run, as `nook add` adds a new item.
    let key = SystemTime::now().duration_since(UNIX_EPOCH)?.as_nanos() as u64;
    let txn = db.begin_write()?;
    {
        let mut table = txn.open_table(ROWS)?;
        table.insert(key, "milk")?;
    }
    txn.commit()?;
    Ok(())
}
