//! The tables of `nook.redb`. Every value is versioned bytes (see `codec`),
//! keyed by the app's stable id first so one app's rows are one range.

use redb::TableDefinition;

/// `schema`, `device`, `seq` (the last operation id), `hlc` (the clock).
pub const META: TableDefinition<&str, &[u8]> = TableDefinition::new("meta");
/// (app, item id) -> Item: the items shown.
pub const ITEMS: TableDefinition<(&str, u128), &[u8]> = TableDefinition::new("items.v2");
/// Schema 1's items, keyed by counter: read once by the upgrade.
pub const ITEMS_V1: TableDefinition<(&str, u64), &[u8]> = TableDefinition::new("items");
/// (app, series, day number) -> Entry
pub const ENTRIES: TableDefinition<(&str, &str, i32), &[u8]> = TableDefinition::new("entries");
/// app -> TimerState
pub const TIMERS: TableDefinition<&str, &[u8]> = TableDefinition::new("timers");
/// (app, end unix ms) -> Session
pub const SESSIONS: TableDefinition<(&str, i64), &[u8]> = TableDefinition::new("sessions");
/// app -> AppSummary, kept current by every write
pub const SUMMARIES: TableDefinition<&str, &[u8]> = TableDefinition::new("summaries");
/// operation id -> LogEntry: this device's own actions, for undo.
pub const OPLOG: TableDefinition<u64, &[u8]> = TableDefinition::new("oplog");
/// (app, operation id) -> group id: one app's history without walking every app's.
pub const APP_OPS: TableDefinition<(&str, u64), u64> = TableDefinition::new("app_ops");
/// (app, item id) -> ItemMeta: the stamps merging compares (see `merge`).
pub const ITEM_META: TableDefinition<(&str, u128), &[u8]> = TableDefinition::new("item_meta");
/// (app, series, day) -> DayMeta: a tracker day's base and deltas.
pub const DAY_META: TableDefinition<(&str, &str, i32), &[u8]> = TableDefinition::new("day_meta");
/// "app\0timer" -> TimerMeta.
pub const MERGE_META: TableDefinition<&str, &[u8]> = TableDefinition::new("merge_meta");
/// (app, session) for sessions taken out, so a late copy stays out.
pub const SESSIONS_GONE: TableDefinition<(&str, &str), ()> = TableDefinition::new("sessions_gone");
/// (clock ms, counter) -> SyncOp: this device's operations, for sync to send.
pub const OUTBOX: TableDefinition<(i64, u32), &[u8]> = TableDefinition::new("outbox");
/// (app, clock ms, counter, device) -> SyncOp: imported operations for an
/// app this machine has no spec of (yet), applied when it has one.
pub const PARKED: TableDefinition<(&str, i64, u32, &str), &[u8]> = TableDefinition::new("parked");
/// (linking app, its Link field, linked item id, filter) -> Tally: what the
/// items that link to one item add up to (see `rollup`).
pub const ROLLUPS: TableDefinition<(&str, &str, u128, &str), &[u8]> = TableDefinition::new("rollups");
/// linking app -> the fingerprint of the spec its tallies were counted under.
pub const ROLLUP_KEYS: TableDefinition<&str, u64> = TableDefinition::new("rollup_keys");

/// (app, order fingerprint, place, item id): every list item's place in
/// each order its views open in (see `view_index`), so a list opens by
/// reading its first screen's rows.
pub const VIEW_ORDER: TableDefinition<(&str, u64, &[u8], u128), ()> = TableDefinition::new("view_order");
/// app -> the fingerprint its places were made under, and each order's count.
pub const VIEW_ORDER_KEYS: TableDefinition<&str, &[u8]> = TableDefinition::new("view_order_keys");

/// (due day number, app, item id): every open item of a list with a due
/// field, on its due day, kept by the write path beside the summary's
/// per-day counts, so the agenda reads only the days it shows.
pub const DUE_INDEX: TableDefinition<(i32, &str, u128), ()> = TableDefinition::new("due_index");

/// Whether every table of this schema is there with its types, in `txn`: a
/// read-only handle is used only then (anything else goes through the
/// read-write open, which makes missing tables and reports damage). A new
/// table belongs in this list too, unless every read of it takes a missing
/// table for an empty one (`ROLLUPS`, `ROLLUP_KEYS`, `VIEW_ORDER` and
/// `VIEW_ORDER_KEYS`: a database from before them keeps the read-only handle).
pub(crate) fn all_there(txn: &redb::ReadTransaction) -> bool {
    fn there<K: redb::Key + 'static, V: redb::Value + 'static>(
        txn: &redb::ReadTransaction,
        t: TableDefinition<K, V>,
    ) -> bool {
        txn.open_table(t).is_ok()
    }
    there(txn, META)
        && there(txn, ITEMS)
        && there(txn, ENTRIES)
        && there(txn, TIMERS)
        && there(txn, SESSIONS)
        && there(txn, SUMMARIES)
        && there(txn, OPLOG)
        && there(txn, APP_OPS)
        && there(txn, ITEM_META)
        && there(txn, DAY_META)
        && there(txn, MERGE_META)
        && there(txn, SESSIONS_GONE)
        && there(txn, OUTBOX)
        && there(txn, PARKED)
        && there(txn, DUE_INDEX)
}
