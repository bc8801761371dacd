//! Reading from one consistent snapshot. Every query is a point lookup or a
//! bounded range of one app's rows.

use std::cell::OnceCell;
use std::collections::BTreeMap;

use redb::{ReadTransaction, ReadableTable};

use super::codec::decode;
use super::error::StoreError;
use super::log::LogEntry;
use super::summary::AppSummary;
use super::tables::*;
use crate::model::Item;
use crate::model::item_id::ItemId;
use crate::model::timer::{Session, TimerState};

pub struct Reader {
    txn: ReadTransaction,
    /// Opened once per read: the launcher looks up two meta keys and a
    /// summary for each of its apps, and opening a table walks the tree
    /// of tables each time.
    meta: OnceCell<Option<Table<&'static str>>>,
    summaries: OnceCell<Option<Table<&'static str>>>,
    /// The reminders' look reads thousands of items one by one.
    items: OnceCell<Option<Table<(&'static str, u128)>>>,
}

type Table<K> = redb::ReadOnlyTable<K, &'static [u8]>;

/// `cell`'s table, opened on first use; None when the file lacks it.
fn opened<K: redb::Key + 'static>(
    cell: &OnceCell<Option<Table<K>>>,
    open: impl FnOnce() -> Result<Table<K>, redb::TableError>,
) -> Result<Option<&Table<K>>, StoreError> {
    if let Some(t) = cell.get() {
        return Ok(t.as_ref());
    }
    let t = super::missing_ok(open())?;
    Ok(cell.get_or_init(|| t).as_ref())
}

pub use crate::model::days::Entry;

/// The overview's figures read through the reader (the inherent methods).
impl crate::overview::Source for Reader {
    type Error = StoreError;
    fn summary(&self, app: &str) -> Result<AppSummary, StoreError> {
        Reader::summary(self, app)
    }
    fn line_summary(&self, app: &str, today: i32) -> Result<AppSummary, StoreError> {
        Reader::line_summary(self, app, today)
    }
    fn meta_str(&self, key: &str) -> Result<Option<String>, StoreError> {
        Reader::meta_str(self, key)
    }
    fn timer(&self, app: &str) -> Result<TimerState, StoreError> {
        Reader::timer(self, app)
    }
    fn items(&self, app: &str, from: ItemId, limit: usize) -> Result<Vec<Item>, StoreError> {
        Reader::items(self, app, from, limit)
    }
    fn entries(&self, app: &str, series: &str, from: i32, to: i32) -> Result<Vec<(i32, Entry)>, StoreError> {
        Reader::entries(self, app, series, from, to)
    }
}

/// A number in the meta table: eight little-endian bytes. Anything else is
/// a damaged record, reported rather than read as 0 (which would restart the
/// operation ids over the log).
pub(crate) fn meta_number(key: &str, bytes: &[u8]) -> Result<u64, StoreError> {
    let bytes: [u8; 8] = bytes.try_into().map_err(|_| {
        StoreError::decode(
            &format!("counter {key:?}"),
            format!("{} bytes where 8 were expected", bytes.len()),
        )
    })?;
    Ok(u64::from_le_bytes(bytes))
}

/// [`AppSummary::recount`] from the rows of one app, in a read or a write transaction.
fn recount(
    items: &impl ReadableTable<(&'static str, u128), &'static [u8]>,
    entries: &impl ReadableTable<(&'static str, &'static str, i32), &'static [u8]>,
    sessions: &impl ReadableTable<(&'static str, i64), &'static [u8]>,
    app: &str,
) -> Result<AppSummary, StoreError> {
    let mut all = Vec::new();
    for row in items.range((app, 0u128)..=(app, u128::MAX))? {
        all.push(decode("item", row?.1.value())?);
    }
    let mut series: BTreeMap<String, (u32, i32)> = BTreeMap::new();
    for row in entries.range((app, "", i32::MIN)..)? {
        let (k, _) = row?;
        let (a, name, day) = k.value();
        if a != app {
            break;
        }
        let s = series.entry(name.to_string()).or_insert((0, day));
        s.0 = s.0.saturating_add(1);
        s.1 = s.1.max(day);
    }
    let n = sessions.range((app, i64::MIN)..=(app, i64::MAX))?.count() as u64;
    Ok(AppSummary::recount(&all, series, n))
}

/// The summary of `app` counted again from its rows in a write transaction.
pub(crate) fn recount_summary(txn: &redb::WriteTransaction, app: &str) -> Result<AppSummary, StoreError> {
    recount(
        &txn.open_table(ITEMS)?,
        &txn.open_table(ENTRIES)?,
        &txn.open_table(SESSIONS)?,
        app,
    )
}

impl Reader {
    pub(crate) fn txn(&self) -> &ReadTransaction {
        &self.txn
    }

    pub(crate) fn new(txn: ReadTransaction) -> Reader {
        Reader {
            txn,
            meta: OnceCell::new(),
            summaries: OnceCell::new(),
            items: OnceCell::new(),
        }
    }

    /// The items table; its own error when the file lacks it, as before
    /// it was kept open.
    fn items_table(&self) -> Result<&Table<(&'static str, u128)>, StoreError> {
        if let Some(t) = opened(&self.items, || self.txn.open_table(ITEMS))? {
            return Ok(t);
        }
        match self.txn.open_table(ITEMS) {
            Err(e) => Err(e.into()),
            Ok(_) => Err(StoreError::Db("the items table is missing".into())),
        }
    }

    fn meta(&self) -> Result<Option<&Table<&'static str>>, StoreError> {
        opened(&self.meta, || self.txn.open_table(META))
    }

    pub(crate) fn summaries(&self) -> Result<Option<&Table<&'static str>>, StoreError> {
        opened(&self.summaries, || self.txn.open_table(SUMMARIES))
    }

    /// Every meta key that starts with `prefix`, with its value as text.
    pub(crate) fn meta_under(&self, prefix: &str) -> Result<Vec<(String, String)>, StoreError> {
        let Some(t) = self.meta()? else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for row in t.range(prefix..)? {
            let (k, v) = row?;
            let Some(rest) = k.value().strip_prefix(prefix) else {
                break;
            };
            out.push((rest.to_string(), String::from_utf8_lossy(v.value()).into_owned()));
        }
        Ok(out)
    }

    pub fn meta_str(&self, key: &str) -> Result<Option<String>, StoreError> {
        let Some(t) = self.meta()? else {
            // The file's own error, as before the table was kept open.
            self.txn.open_table(META)?;
            return Ok(None);
        };
        Ok(t.get(key)?
            .map(|v| String::from_utf8_lossy(v.value()).into_owned()))
    }

    pub fn meta_bytes(&self, key: &str) -> Result<Option<Vec<u8>>, StoreError> {
        let Some(t) = self.meta()? else {
            return Ok(None);
        };
        Ok(t.get(key)?.map(|v| v.value().to_vec()))
    }

    pub fn meta_u64(&self, key: &str) -> Result<Option<u64>, StoreError> {
        let Some(t) = self.meta()? else {
            return Ok(None);
        };
        t.get(key)?.map(|v| meta_number(key, v.value())).transpose()
    }

    /// The app's summary; one that does not decode (damaged, or written
    /// with a number JSON cannot hold) is counted again from the app's rows,
    /// so derived figures can never make an app unreadable.
    pub fn summary(&self, app: &str) -> Result<AppSummary, StoreError> {
        self.summary_by(app, super::summary_record::whole)
    }

    /// `app`'s summary as `read` decodes its record; one that does not
    /// decode is counted again from the app's rows.
    fn summary_by(
        &self,
        app: &str,
        read: impl FnOnce(&[u8]) -> Result<AppSummary, StoreError>,
    ) -> Result<AppSummary, StoreError> {
        let Some(t) = self.summaries()? else {
            // The file's own error, as before the table was kept open.
            self.txn.open_table(SUMMARIES)?;
            return Ok(AppSummary::default());
        };
        let stored = t.get(app)?.map(|v| read(v.value()));
        match stored {
            Some(Ok(s)) => Ok(s),
            Some(Err(_)) => recount(
                &self.txn.open_table(ITEMS)?,
                &self.txn.open_table(ENTRIES)?,
                &self.txn.open_table(SESSIONS)?,
                app,
            ),
            None => Ok(AppSummary::default()),
        }
    }

    /// The app's summary as its launcher line reads it on day `today` (see
    /// [`crate::summary::head`]): most of a long list's figures and due
    /// days are left out. One that does not decode is counted again, as in
    /// [`Reader::summary`].
    pub fn line_summary(&self, app: &str, today: i32) -> Result<AppSummary, StoreError> {
        self.summary_by(app, |v| super::summary_record::for_line(v, today))
    }

    /// Ids of apps with any stored data.
    pub fn apps_with_data(&self) -> Result<Vec<String>, StoreError> {
        let t = self.txn.open_table(SUMMARIES)?;
        let mut out = Vec::new();
        for row in t.iter()? {
            let (k, _) = row?;
            out.push(k.value().to_string());
        }
        Ok(out)
    }

    /// The date index's rows on day numbers `from..=to` (day, app, item),
    /// day by day: one range read, whatever the number of items. A row
    /// may name an item since changed under a spec not yet indexed again,
    /// so readers check the item they read.
    pub fn due_between(&self, from: i32, to: i32) -> Result<Vec<(i32, String, ItemId)>, StoreError> {
        let Some(t) = super::missing_ok(self.txn.open_table(DUE_INDEX))? else {
            return Ok(Vec::new());
        };
        super::due_index::range(&t, from, to)
    }

    /// The ids just below and just above `id` among the app's items: all
    /// an id's shortest unique prefix depends on.
    pub fn item_neighbours(
        &self,
        app: &str,
        id: ItemId,
    ) -> Result<(Option<ItemId>, Option<ItemId>), StoreError> {
        let t = self.items_table()?;
        let below = match t.range((app, 0u128)..(app, id.0))?.next_back() {
            Some(row) => Some(ItemId(row?.0.value().1)),
            None => None,
        };
        let above = match id.0.checked_add(1) {
            Some(next) => match t.range((app, next)..=(app, u128::MAX))?.next() {
                Some(row) => Some(ItemId(row?.0.value().1)),
                None => None,
            },
            None => None,
        };
        Ok((below, above))
    }

    /// The first `limit` items of `app` in the view order `fp`, from the
    /// view index when its places are current for the orders `set`; None
    /// when they are not (the caller reads the items and sorts them).
    pub fn view_window(
        &self,
        app: &str,
        set: u64,
        fp: u64,
        limit: usize,
    ) -> Result<Option<super::view_index::Window>, StoreError> {
        super::view_index::window(&self.txn, app, set, fp, limit)
    }

    /// Whether the view index's places for `app` are current for `set`.
    pub fn view_index_current(&self, app: &str, set: u64) -> Result<bool, StoreError> {
        super::view_index::current(&self.txn, app, set)
    }

    pub fn item(&self, app: &str, id: ItemId) -> Result<Option<Item>, StoreError> {
        let t = self.items_table()?;
        t.get((app, id.0))?.map(|v| decode("item", v.value())).transpose()
    }

    /// Items with ids from `from`, in id (creation) order, at most `limit`.
    pub fn items(&self, app: &str, from: ItemId, limit: usize) -> Result<Vec<Item>, StoreError> {
        let t = self.txn.open_table(ITEMS)?;
        // Sized up front: growing by doubling would briefly hold 1.5x the list.
        let expected = if from == ItemId(0) {
            self.summary(app)?.items as usize
        } else {
            0
        };
        let mut out = Vec::with_capacity(expected.min(limit));
        for row in t.range((app, from.0)..=(app, u128::MAX))?.take(limit) {
            let (_, v) = row?;
            out.push(decode("item", v.value())?);
        }
        Ok(out)
    }

    pub fn entry(&self, app: &str, series: &str, day: i32) -> Result<Option<Entry>, StoreError> {
        let t = self.txn.open_table(ENTRIES)?;
        t.get((app, series, day))?
            .map(|v| decode("entry", v.value()))
            .transpose()
    }

    /// Entries of one series between two days (inclusive), in day order.
    pub fn entries(
        &self,
        app: &str,
        series: &str,
        from: i32,
        to: i32,
    ) -> Result<Vec<(i32, Entry)>, StoreError> {
        let t = self.txn.open_table(ENTRIES)?;
        let mut out = Vec::new();
        for row in t.range((app, series, from)..=(app, series, to))? {
            let (k, v) = row?;
            out.push((k.value().2, decode("entry", v.value())?));
        }
        Ok(out)
    }

    /// Every series name with entries, for export of data a spec no longer names.
    pub fn series_names(&self, app: &str) -> Result<Vec<String>, StoreError> {
        let t = self.txn.open_table(ENTRIES)?;
        let mut out: Vec<String> = Vec::new();
        let mut from = String::new();
        // Skip from series to series rather than walking every day.
        loop {
            let next = t
                .range((app, from.as_str(), i32::MIN)..)?
                .next()
                .transpose()?
                .map(|(k, _)| (k.value().0.to_string(), k.value().1.to_string()));
            match next {
                Some((a, series)) if a == app => {
                    from = format!("{series}\u{0}");
                    out.push(series);
                }
                _ => return Ok(out),
            }
        }
    }

    pub fn timer(&self, app: &str) -> Result<TimerState, StoreError> {
        let t = self.txn.open_table(TIMERS)?;
        match t.get(app)? {
            Some(v) => decode("timer", v.value()),
            None => Ok(TimerState::default()),
        }
    }

    /// Sessions that ended between two unix-ms moments (inclusive).
    pub fn sessions(&self, app: &str, from_ms: i64, to_ms: i64) -> Result<Vec<Session>, StoreError> {
        let t = self.txn.open_table(SESSIONS)?;
        let mut out = Vec::new();
        for row in t.range((app, from_ms)..=(app, to_ms))? {
            let (_, v) = row?;
            out.push(decode("session", v.value())?);
        }
        Ok(out)
    }

    /// The most recent operations, newest first.
    pub fn recent_ops(&self, limit: usize) -> Result<Vec<LogEntry>, StoreError> {
        let t = self.txn.open_table(OPLOG)?;
        let mut out = Vec::new();
        for row in t.iter()?.rev().take(limit) {
            let (_, v) = row?;
            out.push(decode("operation", v.value())?);
        }
        Ok(out)
    }
}
