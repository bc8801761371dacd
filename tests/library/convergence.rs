//! Convergence of synced app data: three replicas, each a real store of
//! its own, make random changes through the use-case layer (adds, edits of
//! the same and of different fields, ticks, deletes, tracker logs, timer
//! actions, undo and redo) on skewed clocks, and send each other their own
//! operations at random: a prefix of the outbox, shuffled, sometimes twice.
//! Once every replica has every other's operations, all of them show the
//! same data, and so does a fresh replica that imports every operation in
//! one go, or one operation at a time in reverse order.

use crate::common;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::DateTime;
use nook::model::item_id::ItemId;
use nook::model::timer::Action;
use nook::model::{FieldValue, Item, Now};
use nook::spec::Spec;
use nook::store::Store;
use nook::store::export::{self, Export};
use nook::store::intent::SyncOp;
use nook::usecase::history::Scope;
use nook::usecase::list::Edit;
use nook::usecase::tracker::Amount;
use proptest::prelude::*;

fn spec(file: &str, text: &str) -> Spec {
    nook::spec::parse_str(file, text).unwrap_or_else(|e| panic!("{e}"))
}

/// The apps every replica has: a list with a text, a number and a choice,
/// a tracker, a phased timer with short phases (so runs log sessions
/// within a test) and a stopwatch (whose stop logs the run).
fn specs() -> Vec<Spec> {
    vec![
        spec(
            "tasks.ron",
            r#"List(name: "Tasks", fields: {
                "title": Text(required: true),
                "n": Number(),
                "kind": Choice(options: ["a", "b", "c"]),
            })"#,
        ),
        spec(
            "water.ron",
            r#"Tracker(name: "Water", unit: "glasses", goal: Daily(8))"#,
        ),
        spec(
            "focus.ron",
            r#"Timer(name: "Focus", phases: [(name: "Focus", length: "20s"), (name: "Break", length: "10s")], rounds: 2)"#,
        ),
        spec("watch.ron", r#"Timer(name: "Watch")"#),
    ]
}

const TASKS: usize = 0;
const WATER: usize = 1;

/// Where every replica's clock starts (12:00 UTC, far from midnight).
const START_MS: i64 = 1_795_176_000_000;
/// Each replica's clock against true time: one 5 s behind, one ahead.
const SKEW: [i64; 3] = [0, -5_000, 1_500];

fn now_at(ms: i64) -> Now {
    Now::fixed(DateTime::from_timestamp_millis(ms).unwrap().naive_utc())
}

#[derive(Clone, Copy, Debug)]
enum Field {
    Title(u8),
    N(Option<u8>),
    Kind(Option<u8>),
}

impl Field {
    fn entry(self) -> (String, Option<FieldValue>) {
        match self {
            Field::Title(t) => ("title".into(), Some(FieldValue::Text(format!("t{t}")))),
            Field::N(n) => ("n".into(), n.map(|n| FieldValue::Number(f64::from(n)))),
            Field::Kind(k) => (
                "kind".into(),
                k.map(|k| FieldValue::Text(["a", "b", "c"][usize::from(k % 3)].into())),
            ),
        }
    }
}

/// One step: what a replica does, or one replica sending to another.
#[derive(Clone, Debug)]
enum Step {
    Add(Vec<Field>),
    /// Edit the `pick`th item this replica shows (mod their number).
    Edit(u8, Vec<Field>),
    Tick(u8, bool),
    Delete(u8),
    /// Log on today less `day` days.
    Log(u8, LogHow),
    Timer(usize, Act),
    Undo(usize),
    Redo(usize),
    /// Send `part`/8 of this replica's operations (rounded up) to replica
    /// `to` (another one), shuffled by `seed`, twice if `dup`.
    Send {
        to: u8,
        part: u8,
        seed: u64,
        dup: bool,
    },
}

#[derive(Clone, Copy, Debug)]
enum LogHow {
    Add(i8),
    Set(u8),
    Toggle,
}

#[derive(Clone, Copy, Debug)]
enum Act {
    Start,
    Pause,
    Stop,
    Skip,
    Lap,
    Observe,
}

fn field() -> impl Strategy<Value = Field> {
    prop_oneof![
        (0u8..3).prop_map(Field::Title),
        proptest::option::of(0u8..3).prop_map(Field::N),
        proptest::option::of(0u8..3).prop_map(Field::Kind),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    let timer = prop_oneof![
        Just(Act::Start),
        Just(Act::Pause),
        Just(Act::Stop),
        Just(Act::Skip),
        Just(Act::Lap),
        Just(Act::Observe),
    ];
    let log = prop_oneof![
        (-2i8..4).prop_map(LogHow::Add),
        (0u8..4).prop_map(LogHow::Set),
        Just(LogHow::Toggle),
    ];
    prop_oneof![
        3 => proptest::collection::vec(field(), 0..3).prop_map(Step::Add),
        5 => (any::<u8>(), proptest::collection::vec(field(), 1..3)).prop_map(|(p, f)| Step::Edit(p, f)),
        2 => (any::<u8>(), any::<bool>()).prop_map(|(p, d)| Step::Tick(p, d)),
        2 => any::<u8>().prop_map(Step::Delete),
        3 => (0u8..3, log).prop_map(|(d, h)| Step::Log(d, h)),
        3 => (2usize..4, timer).prop_map(|(a, t)| Step::Timer(a, t)),
        2 => (0usize..4).prop_map(Step::Undo),
        1 => (0usize..4).prop_map(Step::Redo),
        4 => (0u8..2, 1u8..=8, any::<u64>(), any::<bool>())
            .prop_map(|(to, part, seed, dup)| Step::Send { to, part, seed, dup }),
    ]
}

/// A step on a replica after the true clock moved on by `advance` ms
/// (0 now and then: two replicas acting in the same millisecond).
fn timed_step() -> impl Strategy<Value = (u8, u16, Step)> {
    let advance = prop_oneof![1 => Just(0u16), 4 => 0u16..8_000];
    (0u8..3, advance, step())
}

/// A deterministic shuffle (Fisher-Yates over xorshift), so a failing case
/// replays and shrinks the same.
fn shuffle<T>(v: &mut [T], mut seed: u64) {
    seed |= 1;
    for i in (1..v.len()).rev() {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        v.swap(i, (seed % (i as u64 + 1)) as usize);
    }
}

struct Replica {
    _dir: tempfile::TempDir,
    store: Store,
}

fn replica() -> Replica {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("nook.redb")).unwrap();
    Replica { _dir: dir, store }
}

/// Every operation a replica made (sync reads a device's own files only).
fn own_ops(r: &Replica) -> Vec<SyncOp> {
    r.store.unsent(usize::MAX).unwrap()
}

fn import(r: &Replica, specs: &[Spec], ops: Vec<SyncOp>, now: Now) {
    let refs: Vec<&Spec> = specs.iter().collect();
    r.store.import(&refs, ops, &[], now).unwrap();
}

/// What a user sees of every app.
fn seen(r: &Replica, specs: &[Spec]) -> Vec<Export> {
    specs
        .iter()
        .map(|s| r.store.read(|rd| export::export(rd, s)).unwrap())
        .collect()
}

/// The replica's items in the order the test first saw them added, so a
/// pick names the same item on every run (ids have random bits).
fn known(r: &Replica, spec: &Spec, order: &HashMap<ItemId, usize>) -> Vec<Item> {
    let mut items = nook::usecase::list::items(&r.store, spec).unwrap();
    items.sort_by_key(|i| order.get(&i.id).copied().unwrap_or(usize::MAX));
    items
}

/// A case as proptest prints it: one step a line.
#[derive(Clone)]
struct Steps(Vec<(u8, u16, Step)>);

impl std::fmt::Debug for Steps {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, (who, advance, step)) in self.0.iter().enumerate() {
            write!(f, "\n  step {i:>2}  +{advance:>4} ms  replica {who}: {step:?}")?;
        }
        Ok(())
    }
}

fn run(steps: &[(u8, u16, Step)]) -> Result<(), TestCaseError> {
    let specs = specs();
    let reps: Vec<Replica> = (0..3).map(|_| replica()).collect();
    let mut order: HashMap<ItemId, usize> = HashMap::new();
    let mut t = START_MS;
    let none = BTreeSet::new();
    for (i, (who, advance, step)) in steps.iter().enumerate() {
        t += i64::from(*advance);
        let who = usize::from(*who);
        let rep = &reps[who];
        let now = now_at(t + SKEW[who]);
        let tasks = &specs[TASKS];
        let pick = |p: u8| {
            let items = known(rep, tasks, &order);
            (!items.is_empty()).then(|| items[usize::from(p) % items.len()].id)
        };
        let edit = |fields: &[Field]| Edit {
            values: fields.iter().map(|f| f.entry()).collect(),
            ..Edit::default()
        };
        match step {
            Step::Add(fields) => {
                let mut values: BTreeMap<String, FieldValue> = fields
                    .iter()
                    .filter_map(|f| f.entry().1.map(|v| (f.entry().0, v)))
                    .collect();
                values
                    .entry("title".into())
                    .or_insert(FieldValue::Text(format!("new{i}")));
                let done = nook::usecase::list::add(&rep.store, tasks, now, String::new(), values).unwrap();
                order.insert(done.outcome.item.id, i);
            }
            Step::Edit(p, fields) => {
                if let Some(id) = pick(*p) {
                    nook::usecase::list::edit(&rep.store, tasks, now, id, &edit(fields)).unwrap();
                }
            }
            Step::Tick(p, d) => {
                if let Some(id) = pick(*p) {
                    nook::usecase::list::set_done(&rep.store, tasks, now, id, *d).unwrap();
                }
            }
            Step::Delete(p) => {
                if let Some(id) = pick(*p) {
                    nook::usecase::list::delete(&rep.store, tasks, now, id).unwrap();
                }
            }
            Step::Log(d, how) => {
                let amount = match *how {
                    LogHow::Add(n) => Amount::Add(f64::from(n)),
                    LogHow::Set(n) => Amount::Set(f64::from(n)),
                    LogHow::Toggle => Amount::Toggle,
                };
                let day = now.today_number() - i32::from(*d);
                nook::usecase::tracker::log(&rep.store, &specs[WATER], now, "", day, amount).unwrap();
            }
            Step::Timer(app, act) => {
                let action = match act {
                    Act::Start => Action::Start,
                    Act::Pause => Action::Pause,
                    Act::Stop => Action::Stop,
                    Act::Skip => Action::Skip,
                    Act::Lap => Action::Lap,
                    Act::Observe => Action::Observe,
                };
                nook::usecase::timer::act(&rep.store, &specs[*app], now, action).unwrap();
            }
            Step::Undo(app) => {
                nook::usecase::history::undo(&rep.store, &specs[*app], now, Scope::All { passed: &none })
                    .unwrap();
            }
            Step::Redo(app) => {
                nook::usecase::history::redo(&rep.store, &specs[*app], now, Scope::All { passed: &none })
                    .unwrap();
            }
            Step::Send { to, part, seed, dup } => {
                let to = (who + 1 + usize::from(*to)) % 3;
                let mut ops = own_ops(rep);
                ops.truncate((ops.len() * usize::from(*part)).div_ceil(8));
                if *dup {
                    ops.extend(ops.clone());
                }
                shuffle(&mut ops, *seed);
                import(&reps[to], &specs, ops, now_at(t + SKEW[to]));
            }
        }
    }
    // Everyone gets everything, in the order of the files.
    t += 1_000;
    let all: Vec<Vec<SyncOp>> = reps.iter().map(own_ops).collect();
    for (to, rep) in reps.iter().enumerate() {
        for (from, ops) in all.iter().enumerate() {
            if from != to {
                import(rep, &specs, ops.clone(), now_at(t + SKEW[to]));
            }
        }
    }
    let want = seen(&reps[0], &specs);
    for (n, rep) in reps.iter().enumerate().skip(1) {
        prop_assert_eq!(&seen(rep, &specs), &want, "replica {} differs from replica 0", n);
    }
    // A fresh replica given every operation in one import, in stamp order.
    let mut every: Vec<SyncOp> = all.into_iter().flatten().collect();
    every.sort_by(|a, b| a.at.cmp(&b.at));
    let fresh = replica();
    import(&fresh, &specs, every.clone(), now_at(t));
    prop_assert_eq!(
        &seen(&fresh, &specs),
        &want,
        "one import of every operation differs"
    );
    // And one given them one import at a time, newest first.
    let piecemeal = replica();
    for op in every.into_iter().rev() {
        import(&piecemeal, &specs, vec![op], now_at(t));
    }
    prop_assert_eq!(
        &seen(&piecemeal, &specs),
        &want,
        "one import per operation differs"
    );
    Ok(())
}

proptest! {
    #![proptest_config(common::cases(64))]

    /// Replicas that have exchanged every operation show the same data,
    /// whatever was done where, in what order operations arrived, how
    /// often, and how they were batched.
    #[test]
    fn replicas_that_have_every_operation_show_the_same_data(
        steps in proptest::collection::vec(timed_step(), 1..60).prop_map(Steps),
    ) {
        run(&steps.0)?;
    }
}

/// The cases worth checking by name, each a short run of the same property.
mod cases {
    use super::*;

    fn send(to: u8) -> Step {
        Step::Send {
            to,
            part: 8,
            seed: 0,
            dup: false,
        }
    }

    #[test]
    fn a_delete_on_one_replica_and_an_edit_on_another() {
        run(&[
            (0, 10, Step::Add(vec![Field::N(Some(1))])),
            (0, 10, send(0)),
            (0, 10, Step::Delete(0)),
            (
                1,
                10,
                Step::Edit(0, vec![Field::N(Some(2)), Field::Kind(Some(1))]),
            ),
        ])
        .unwrap();
    }

    #[test]
    fn an_undo_of_an_add_whose_item_another_replica_edited() {
        run(&[
            (0, 10, Step::Add(vec![])),
            (0, 10, send(0)),
            (1, 10, Step::Edit(0, vec![Field::Title(1)])),
            (0, 10, Step::Undo(TASKS)),
            (0, 10, Step::Redo(TASKS)),
        ])
        .unwrap();
    }

    #[test]
    fn an_undo_of_a_delete_after_another_replica_set_a_field() {
        // The create an undo makes leaves out a field the other replica
        // set meanwhile: it is taken away everywhere, or nowhere.
        run(&[
            (0, 0, Step::Add(vec![])),
            (0, 0, send(0)),
            (0, 0, Step::Edit(0, vec![Field::N(Some(0))])),
            (1, 0, Step::Delete(0)),
            (1, 0, Step::Undo(TASKS)),
        ])
        .unwrap();
    }

    #[test]
    fn tracker_deltas_on_two_replicas_and_a_set_on_a_third() {
        run(&[
            (0, 10, Step::Log(0, LogHow::Add(2))),
            (1, 10, Step::Log(0, LogHow::Add(1))),
            (2, 10, Step::Log(0, LogHow::Set(3))),
            (0, 10, Step::Log(0, LogHow::Add(-1))),
            (1, 0, Step::Log(0, LogHow::Toggle)),
            (0, 10, Step::Undo(WATER)),
        ])
        .unwrap();
    }

    #[test]
    fn two_replicas_adding_in_the_same_millisecond() {
        run(&[
            (0, 0, Step::Add(vec![])),
            (1, 0, Step::Add(vec![])),
            (0, 0, Step::Add(vec![])),
            (2, 0, Step::Add(vec![])),
        ])
        .unwrap();
    }

    #[test]
    fn two_replicas_adding_after_the_same_item_with_a_clock_behind_it() {
        // Replica 2's clock is ahead of the others; both have its latest
        // item when they add, so both clocks are behind that item's id.
        run(&[
            (2, 10, Step::Add(vec![])),
            (2, 0, send(0)),
            (2, 0, send(1)),
            (0, 10, Step::Add(vec![])),
            (1, 10, Step::Add(vec![])),
        ])
        .unwrap();
    }

    #[test]
    fn an_edit_arriving_before_the_create() {
        // Replica 1 edits what it got from 0 and tells 2 before 0 does.
        run(&[
            (0, 10, Step::Add(vec![Field::Kind(Some(0))])),
            (0, 10, send(0)),
            (1, 10, Step::Edit(0, vec![Field::Kind(None), Field::N(Some(2))])),
            (1, 10, Step::Tick(0, true)),
            (1, 10, send(0)),
        ])
        .unwrap();
    }

    #[test]
    fn timers_started_and_stopped_on_two_replicas() {
        run(&[
            (0, 10, Step::Timer(2, Act::Start)),
            (1, 10, Step::Timer(3, Act::Start)),
            (0, 8_000, send(1)),
            (1, 8_000, Step::Timer(3, Act::Lap)),
            (1, 8_000, Step::Timer(3, Act::Stop)),
            (0, 8_000, Step::Timer(2, Act::Observe)),
            (2, 0, Step::Timer(2, Act::Pause)),
            (1, 10, Step::Undo(3)),
        ])
        .unwrap();
    }
}
