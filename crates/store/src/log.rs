//! The records of the operation log: one change to one app's data (`Op`),
//! what it replaced (`Prior`), and the row that holds both (`LogEntry`).
//! Reads and the write path both use them; neither owns them.

use serde::{Deserialize, Serialize};

use crate::model::Item;
use crate::model::days::Entry;
use crate::model::item_id::ItemId;
use crate::model::timer::{Session, TimerState};
use crate::spec::Kind;

/// One change to one app's data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Op {
    PutItem {
        item: Item,
    },
    DeleteItem {
        id: ItemId,
    },
    /// `None` removes the day's entry. `updated` keeps an imported entry's time.
    SetEntry {
        series: String,
        day: i32,
        value: Option<f64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        updated: Option<i64>,
    },
    /// Adds to a tracker day: the change a step or a logged amount made,
    /// measured in the transaction, so deltas from two machines add up.
    AddEntry {
        series: String,
        day: i32,
        delta: f64,
    },
    SetTimer {
        state: TimerState,
    },
    AddSession {
        session: Session,
    },
    /// Removes the session that ended at `end` (the undo of AddSession).
    DeleteSession {
        end: i64,
    },
}

impl Op {
    /// Whether the operation is about the data of this kind of app.
    pub fn fits(&self, kind: &Kind) -> bool {
        matches!(
            (self, kind),
            (Op::PutItem { .. } | Op::DeleteItem { .. }, Kind::List(_))
                | (Op::SetEntry { .. } | Op::AddEntry { .. }, Kind::Tracker(_))
                | (
                    Op::SetTimer { .. } | Op::AddSession { .. } | Op::DeleteSession { .. },
                    Kind::Timer(_)
                )
        )
    }
}

/// What an operation replaced, so it can be undone.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Prior {
    Item(Item),
    Entry(Entry),
    Timer(TimerState),
    Session(Session),
}

/// One row of the operation log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LogEntry {
    pub id: u64,
    pub device: String,
    /// Unix ms.
    pub ts: i64,
    pub app: String,
    pub op: Op,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<Prior>,
    /// The id of the first operation of the same transaction: one user action.
    #[serde(default)]
    pub group: u64,
    /// Set on the operations of an undo: the group they undid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub undo_of: Option<u64>,
    /// Set on the operations of a redo: the group they re-applied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redo_of: Option<u64>,
    /// The session that wrote it (a TUI's own id, or the command line's);
    /// None in entries written before sessions were recorded: earlier
    /// actions of this device.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
}
