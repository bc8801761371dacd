//! The tables of `nook.redb`. Every value is versioned bytes (see `codec`),
//! keyed by the app's stable id first so one app's rows are one range.

use redb::TableDefinition;

/// `schema`, `device`, `seq` (the last operation id).
pub const META: TableDefinition<&str, &[u8]> = TableDefinition::new("meta");
/// (app, item id) -> Item
pub const ITEMS: TableDefinition<(&str, u64), &[u8]> = TableDefinition::new("items");
/// (app, series, day number) -> Entry
pub const ENTRIES: TableDefinition<(&str, &str, i32), &[u8]> = TableDefinition::new("entries");
/// app -> TimerState
pub const TIMERS: TableDefinition<&str, &[u8]> = TableDefinition::new("timers");
/// (app, end unix ms) -> Session
pub const SESSIONS: TableDefinition<(&str, i64), &[u8]> = TableDefinition::new("sessions");
/// app -> AppSummary, kept current by every write
pub const SUMMARIES: TableDefinition<&str, &[u8]> = TableDefinition::new("summaries");
/// operation id -> LogEntry
pub const OPLOG: TableDefinition<u64, &[u8]> = TableDefinition::new("oplog");
/// (app, operation id) -> group id: one app's history without walking every app's.
pub const APP_OPS: TableDefinition<(&str, u64), u64> = TableDefinition::new("app_ops");
