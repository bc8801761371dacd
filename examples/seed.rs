//! Fills a nook home with realistic specs and data, through the library's
//! own write path (`Store::write` and `Tx::apply`, as the CLI uses them).
//!
//! ```sh
//! cargo run --release --example seed -- --home /tmp/nook-big --apps 100 --records 1000000
//! cargo run --release --example seed -- --home /tmp/nook-big --apps 100 --records 1000000 --big-list 100000
//! ```
//!
//! It installs the bundled apps, writes `--apps` generated specs (typed
//! lists, plain lists, trackers with several series, timers) and spreads
//! `--records` records over every app: list items with typed values, tracker
//! days going back years, timer sessions. With `--big-list N` it also
//! writes a plain list, Backlog, whose N items ("Task 000001", ...) are
//! taken out of the `--records`: one list of a known size, for timing a
//! long list. Each app's data is written in transactions of at most 50,000
//! operations. The home must not have a database yet; `--home` is required
//! so the real home is never touched.
//!
//! The benches include this file as a module and call [`seed`].

// Tests and benchmarks drive nook from outside: they start it, git and
// shells, and print what they measure.
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate, NaiveTime, TimeDelta};
use nook::model::days::day_number;
use nook::model::input::check_value;
use nook::model::item_id::ItemId;
use nook::model::timer::{Session, schedule};
use nook::model::{FieldValue, Item, Now};
use nook::paths::Home;
use nook::spec::{Catalog, FieldType, Goal, Kind, ListSpec, Period, Spec, TimerSpec, TrackerSpec};
use nook::store::{Op, Store};

/// Operations per write transaction.
pub const CHUNK: usize = 50_000;
/// How far back a tracker series or a timer's history may go.
const MAX_YEARS: i64 = 12;
const DAY_MS: i64 = 86_400_000;

#[derive(Clone, Debug)]
pub struct Options {
    pub home: PathBuf,
    /// Generated specs, on top of the bundled apps.
    pub apps: usize,
    /// Records (list items, tracker days, timer sessions) over all apps.
    pub records: u64,
    /// Seed of the random values; the same seed makes the same home.
    pub seed: u64,
    /// Items of the Backlog list (none: no Backlog), out of `records`.
    pub big_list: u64,
}

/// The id of the list `big_list` makes.
pub const BIG_LIST: &str = "backlog";

#[derive(Clone, Debug, Default)]
pub struct Report {
    pub bundled: usize,
    pub typed_lists: usize,
    pub plain_lists: usize,
    pub trackers: usize,
    pub timers: usize,
    pub items: u64,
    pub big_list: u64,
    pub entries: u64,
    pub sessions: u64,
    pub transactions: u64,
    pub oldest_day: Option<NaiveDate>,
    pub db_bytes: u64,
    pub specs_time: Duration,
    pub data_time: Duration,
}

impl Report {
    pub fn records(&self) -> u64 {
        self.items + self.entries + self.sessions
    }
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "apps: {} bundled + {} generated ({} typed lists, {} plain lists, {} trackers, {} timers)",
            self.bundled,
            self.typed_lists + self.plain_lists + self.trackers + self.timers,
            self.typed_lists,
            self.plain_lists,
            self.trackers,
            self.timers
        )?;
        let big = if self.big_list > 0 {
            format!(", {} of them in {BIG_LIST}", self.big_list)
        } else {
            String::new()
        };
        writeln!(
            f,
            "records: {} ({} list items{big}, {} tracker days, {} timer sessions){}",
            self.records(),
            self.items,
            self.entries,
            self.sessions,
            match self.oldest_day {
                Some(d) => format!(", oldest day {d}"),
                None => String::new(),
            }
        )?;
        write!(
            f,
            "database: {:.1} MB in {} write transactions; specs {:.2?}, data {:.2?}",
            self.db_bytes as f64 / 1e6,
            self.transactions,
            self.specs_time,
            self.data_time
        )
    }
}

/// Seeds `opts.home`: bundled apps, generated specs, then the data.
pub fn seed(opts: &Options) -> Result<Report, String> {
    let started = Instant::now();
    let home = Home {
        root: opts.home.clone(),
    };
    let db = home.database()?;
    if db.exists() {
        return Err(format!("{} already exists; seed a fresh home", db.display()));
    }
    let mut report = Report::default();
    let installed =
        nook::bundled::install_if_missing(&home).map_err(|e| format!("{}: {e}", home.root.display()))?;
    report.bundled = installed.apps;
    for i in 0..opts.apps {
        let (file, text, kind) = generated_spec(i);
        let path = home.apps().join(&file);
        if path.exists() {
            return Err(format!("{} already exists; seed a fresh home", path.display()));
        }
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        match kind {
            Gen::TypedList => report.typed_lists += 1,
            Gen::PlainList => report.plain_lists += 1,
            Gen::Tracker => report.trackers += 1,
            Gen::Timer => report.timers += 1,
        }
    }
    if opts.big_list > 0 {
        let path = home.apps().join(format!("{BIG_LIST}.ron"));
        if path.exists() {
            return Err(format!("{} already exists; seed a fresh home", path.display()));
        }
        let text = "// Generated by examples/seed.rs.\nList(name: \"Backlog\", icon: \"📋\", \
                    description: \"One long list\", tags: [\"seeded\"])\n";
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let catalog =
        Catalog::scan(&home.apps(), &home.bounds()).map_err(|e| format!("{}: {e}", home.apps().display()))?;
    if let Some(bad) = catalog.entries.iter().find_map(|e| e.spec.as_ref().err()) {
        return Err(format!("a seeded spec is invalid:\n{bad}"));
    }
    let specs: Vec<Spec> = catalog.specs().cloned().collect();
    report.specs_time = started.elapsed();

    let started = Instant::now();
    let store = Store::open(&db).map_err(|e| e.to_string())?;
    let now = Now::system().unwrap();
    let big_list = opts.big_list.min(opts.records);
    let (big, others): (Vec<Spec>, Vec<Spec>) =
        specs.into_iter().partition(|s| s.id == BIG_LIST && big_list > 0);
    let mut quotas = allocate(&others, opts.records - big_list);
    quotas.extend(big.iter().map(|_| big_list));
    let mut rng = Rng::new(opts.seed);
    for (spec, quota) in others.iter().chain(&big).zip(quotas) {
        if quota == 0 {
            continue;
        }
        let (ops, oldest) = match &spec.kind {
            Kind::List(_) if spec.id == BIG_LIST => {
                report.items += quota;
                report.big_list += quota;
                (big_list_ops(quota, now), None)
            }
            Kind::List(list) => {
                report.items += quota;
                (list_ops(list, quota, now, &mut rng), None)
            }
            Kind::Tracker(t) => {
                report.entries += quota;
                tracker_ops(t, quota, now, &mut rng)
            }
            Kind::Timer(t) => {
                let (ops, oldest) = timer_ops(t, quota, now, &mut rng);
                report.sessions += ops.len() as u64;
                (ops, oldest)
            }
        };
        if let Some(d) = oldest {
            report.oldest_day = Some(report.oldest_day.map_or(d, |o| o.min(d)));
        }
        for chunk in ops.chunks(CHUNK) {
            store
                .write(spec, now, |tx| {
                    for op in chunk {
                        let mut op = op.clone();
                        // A new id above the app's last, as `Tx::add_item` makes them,
                        // so the rows keep the order they were made in.
                        if let Op::PutItem { item } = &mut op {
                            item.id = ItemId::new(item.created, tx.summary().last_id);
                        }
                        tx.apply(op)?;
                    }
                    Ok(())
                })
                .map_err(|e| format!("{}: {e}", spec.id))?;
            report.transactions += 1;
        }
    }
    drop(store);
    report.data_time = started.elapsed();
    report.db_bytes = std::fs::metadata(&db).map_or(0, |m| m.len());
    Ok(report)
}

/// How many records each app gets: lists and trackers alike, timers a
/// quarter as many; a tracker holds at most `MAX_YEARS` of days per series,
/// and what it cannot hold goes to the lists.
fn allocate(specs: &[Spec], records: u64) -> Vec<u64> {
    let weight = |s: &Spec| match s.kind {
        Kind::Timer(_) => 1,
        _ => 4,
    };
    let total: u64 = specs.iter().map(weight).sum();
    if total == 0 {
        return vec![];
    }
    let mut quotas: Vec<u64> = specs.iter().map(|s| records * weight(s) / total).collect();
    let mut spare = records - quotas.iter().sum::<u64>();
    for (s, q) in specs.iter().zip(quotas.iter_mut()) {
        if let Kind::Tracker(t) = &s.kind {
            let cap = t.series_names().len() as u64 * (MAX_YEARS * 365) as u64 * 9 / 10;
            if *q > cap {
                spare += *q - cap;
                *q = cap;
            }
        }
    }
    let lists: Vec<usize> = (0..specs.len())
        .filter(|&i| matches!(specs[i].kind, Kind::List(_)))
        .collect();
    if !lists.is_empty() {
        let each = spare / lists.len() as u64;
        let rest = spare % lists.len() as u64;
        for (n, &i) in lists.iter().enumerate() {
            quotas[i] += each + u64::from((n as u64) < rest);
        }
    }
    quotas
}

// ---------------------------------------------------------------- specs

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Gen {
    TypedList,
    PlainList,
    Tracker,
    Timer,
}

/// Per ten apps: three typed lists, three trackers, two plain lists, two timers.
const MIX: [Gen; 10] = [
    Gen::TypedList,
    Gen::Tracker,
    Gen::PlainList,
    Gen::TypedList,
    Gen::Tracker,
    Gen::Timer,
    Gen::TypedList,
    Gen::Tracker,
    Gen::PlainList,
    Gen::Timer,
];

const TYPED_LISTS: &[(&str, &str, &str)] = &[
    (
        "Wine cellar",
        "🍷",
        r#"fields: {
        "name":    Text(required: true),
        "winery":  Text(),
        "vintage": Number(min: 1900, max: 2100, decimals: 0),
        "price":   Money(currency: "EUR"),
        "colour":  Choice(options: ["red", "white", "rosé", "sparkling"], default: "red"),
        "rating":  Rating(max: 5),
        "opened":  Date(),
        "notes":   Text(),
    },
    view: Table(columns: ["name", "vintage", "colour", "rating"]),
    sort: ["-rating", "name"],
    summary: [Count, Sum("price"), Avg("rating")],"#,
    ),
    (
        "Workouts",
        "🏋",
        r#"fields: {
        "what":     Text(required: true),
        "kind":     Choice(options: ["run", "ride", "swim", "gym", "yoga"], default: "run"),
        "time":     Duration(),
        "distance": Number(min: 0, max: 300, decimals: 1, unit: "km"),
        "effort":   Rating(max: 10),
        "on":       Date(default: Today),
        "tags":     Tags(options: ["morning", "evening", "outdoor", "race"]),
    },
    view: Table(),
    sort: ["-on"],
    summary: [Count, Sum("distance"), Sum("time"), Avg("effort")],"#,
    ),
    (
        "Recipes",
        "🍲",
        r#"fields: {
        "title":   Text(required: true),
        "cuisine": Choice(options: ["italian", "indian", "mexican", "japanese", "french", "other"], default: "other"),
        "time":    Duration(),
        "serves":  Number(min: 1, max: 20, decimals: 0),
        "rating":  Rating(max: 5),
        "tags":    Tags(),
        "link":    Url(),
        "tried":   Bool(default: false),
    },
    view: Board(by: "cuisine"),
    sort: ["-rating"],
    summary: [Count, Avg("rating")],"#,
    ),
    (
        "Invoices",
        "🧾",
        r#"fields: {
        "client": Text(required: true),
        "amount": Money(currency: "USD", required: true),
        "status": Choice(options: ["draft", "sent", "paid", "late"], default: "draft"),
        "due":    Date(),
        "sent":   DateTime(),
        "hours":  Number(min: 0, max: 500, decimals: 2, unit: "h"),
    },
    view: Table(columns: ["client", "amount", "status", "due"]),
    sort: ["due"],
    summary: [Count, Sum("amount"), Max("amount"), Min("amount")],"#,
    ),
];

const PLAIN_LISTS: &[(&str, &str, &str)] = &[
    ("To do", "📝", "Things to get done"),
    ("Gift ideas", "🎁", "Presents for birthdays and holidays"),
    ("Chores", "🧹", "Around the house"),
    ("Ideas", "💡", "Half-formed thoughts worth keeping"),
    ("Hardware store", "🔧", "Next trip to the hardware store"),
];

const TRACKERS: &[(&str, &str, &str)] = &[
    (
        "Daily habits",
        "📅",
        r#"series: ["Floss", "Journal", "Walk", "No sugar", "Read"], goal: Weekly(5)"#,
    ),
    (
        "Strength",
        "💪",
        r#"unit: "reps", goal: Daily(100), series: ["Push-ups", "Squats", "Sit-ups"], step: 10"#,
    ),
    (
        "Screen time",
        "📱",
        r#"unit: "hours", limit: Daily(3), series: ["Phone", "Laptop", "TV"], step: 0.5"#,
    ),
    ("Sleep", "😴", r#"unit: "hours", goal: Daily(8), step: 0.5"#),
    (
        "Steps",
        "👟",
        r#"unit: "k steps", goal: Weekly(70), series: ["Walk", "Run"]"#,
    ),
    (
        "Practice",
        "🎸",
        r#"unit: "minutes", goal: Monthly(600), series: ["Guitar", "Piano", "Singing", "Theory"], step: 15"#,
    ),
];

const TIMERS: &[(&str, &str, &str)] = &[
    (
        "Deep work",
        "🧠",
        r#"phases: [(name: "Focus", length: "50m"), (name: "Break", length: "10m")], rounds: 3, goal: Daily(4)"#,
    ),
    ("Laps", "⏱", ""),
    ("Eggs", "🥚", r#"phases: [(name: "Boil", length: "7m")]"#),
    (
        "Sprints",
        "🏃",
        r#"phases: [(name: "Work", length: "90m"), (name: "Rest", length: "20m")], rounds: 2, long_break: "30m""#,
    ),
];

fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out
}

/// The file name, text and kind of the `i`th generated spec.
pub fn generated_spec(i: usize) -> (String, String, Gen) {
    let kind = MIX[i % MIX.len()];
    // The k-th generated app of its kind takes the k-th template of that kind.
    let per_turn = MIX.iter().filter(|g| **g == kind).count();
    let k = i / MIX.len() * per_turn + MIX[..i % MIX.len()].iter().filter(|g| **g == kind).count();
    let pick = |table: &[(&'static str, &'static str, &'static str)]| table[k % table.len()];
    let n = i + 1;
    let (base, icon, body) = match kind {
        Gen::TypedList => pick(TYPED_LISTS),
        Gen::PlainList => pick(PLAIN_LISTS),
        Gen::Tracker => pick(TRACKERS),
        Gen::Timer => pick(TIMERS),
    };
    let name = format!("{base} {n}");
    let text = match kind {
        Gen::TypedList => format!(
            "// Generated by examples/seed.rs.\nList(\n    name: \"{name}\",\n    icon: \"{icon}\",\n    \
             tags: [\"seeded\"],\n    {body}\n)\n"
        ),
        Gen::PlainList => format!(
            "// Generated by examples/seed.rs.\nList(name: \"{name}\", icon: \"{icon}\", description: \"{body}\", \
             tags: [\"seeded\"])\n"
        ),
        Gen::Tracker => format!(
            "// Generated by examples/seed.rs.\nTracker(name: \"{name}\", icon: \"{icon}\", tags: [\"seeded\"], \
             {body})\n"
        ),
        Gen::Timer if body.is_empty() => {
            format!("// Generated by examples/seed.rs.\nTimer(name: \"{name}\", icon: \"{icon}\")\n")
        }
        Gen::Timer => {
            format!("// Generated by examples/seed.rs.\nTimer(name: \"{name}\", icon: \"{icon}\", {body})\n")
        }
    };
    (format!("{}.ron", slug(&name)), text, kind)
}

// ---------------------------------------------------------------- data

/// splitmix64: small, fast, and the same everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// 0.0..1.0
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// lo..hi (hi exclusive; lo when empty).
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + (self.next_u64() % (hi - lo) as u64) as i64
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.next_u64() as usize % xs.len()]
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

const ADJECTIVES: &[&str] = &[
    "old", "new", "green", "quiet", "quick", "little", "golden", "northern", "spare", "blue", "second",
    "late",
];
const NOUNS: &[&str] = &[
    "garden", "river", "kitchen", "letter", "window", "harbour", "lamp", "bicycle", "orchard", "notebook",
    "bridge", "market", "station", "sweater", "teapot",
];
const GROCERIES: &[&str] = &[
    "oat milk",
    "bread",
    "eggs",
    "apples",
    "coffee",
    "rice",
    "tomatoes",
    "olive oil",
    "cheese",
    "bananas",
    "pasta",
    "yoghurt",
    "onions",
    "butter",
    "lemons",
    "tea",
    "spinach",
    "flour",
];

fn phrase(rng: &mut Rng, k: u64) -> String {
    let a = rng.pick(ADJECTIVES);
    let n = rng.pick(NOUNS);
    let mut s = format!("{a} {n}");
    if let Some(c) = s.get_mut(0..1) {
        c.make_ascii_uppercase();
    }
    if k.is_multiple_of(3) {
        s.push_str(&format!(" {}", k % 97 + 1));
    }
    s
}

/// The unix ms of a local wall-clock moment, at `now`'s UTC offset.
fn ms_at(now: Now, day: NaiveDate, time: NaiveTime) -> i64 {
    let offset = now.local.and_utc().timestamp_millis() - now.ms;
    day.and_time(time).and_utc().timestamp_millis() - offset
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h % 24, m % 60, 0).unwrap_or_default()
}

fn round_to(n: f64, decimals: u8) -> f64 {
    let f = 10f64.powi(i32::from(decimals));
    (n * f).round() / f
}

/// A plausible value for one field; None leaves an optional field empty.
fn field_value(
    name: &str,
    ty: &FieldType,
    required: bool,
    rng: &mut Rng,
    k: u64,
    created: chrono::NaiveDateTime,
) -> Option<FieldValue> {
    if !required && rng.chance(0.15) {
        return None;
    }
    let v = match ty {
        // Computed, never stored; a link needs the other app's ids.
        FieldType::Formula { .. } | FieldType::Rollup(_) | FieldType::Link { .. } => return None,
        FieldType::Text if name == "notes" || name == "description" => FieldValue::Text(format!(
            "{} by the {}, {}",
            phrase(rng, k),
            rng.pick(NOUNS),
            rng.pick(ADJECTIVES)
        )),
        FieldType::Text if name == "email" => FieldValue::Text(format!("{}{k}@example.com", rng.pick(NOUNS))),
        FieldType::Text => FieldValue::Text(phrase(rng, k)),
        FieldType::Url => FieldValue::Text(format!("https://example.com/{}/{k}", rng.pick(NOUNS))),
        FieldType::Email => FieldValue::Text(format!("{}{k}@example.com", rng.pick(NOUNS))),
        FieldType::Phone => FieldValue::Text(format!("+44 20 {:04} {:04}", k % 10_000, (k * 7) % 10_000)),
        FieldType::Percent => FieldValue::Number(round_to(rng.unit() * 100.0, 0)),
        FieldType::Time => FieldValue::Text(format!("{:02}:{:02}", k % 24, (k * 5) % 60)),
        FieldType::Number {
            min, max, decimals, ..
        } => {
            let lo = min.unwrap_or(0.0);
            let hi = max.unwrap_or(lo + 800.0);
            let n = lo + rng.unit() * (hi - lo);
            FieldValue::Number(round_to(n, decimals.unwrap_or(0)).clamp(lo, hi))
        }
        FieldType::Money { .. } => FieldValue::Number(round_to(2.0 + rng.unit() * rng.unit() * 900.0, 2)),
        FieldType::Bool => FieldValue::Bool(rng.chance(0.5)),
        FieldType::Choice { options } => FieldValue::Text(rng.pick(options).clone()),
        FieldType::Tags { options } => {
            let pool: Vec<String> = if options.is_empty() {
                ["favourite", "weekend", "quick", "gift", "later"]
                    .map(String::from)
                    .to_vec()
            } else {
                options.clone()
            };
            let mut tags = vec![rng.pick(&pool).clone()];
            let second = rng.pick(&pool).clone();
            if rng.chance(0.4) && !tags.contains(&second) {
                tags.push(second);
            }
            FieldValue::List(tags)
        }
        FieldType::Date => {
            let d = created.date() + TimeDelta::days(rng.range(-3, 30));
            FieldValue::Text(d.format("%Y-%m-%d").to_string())
        }
        FieldType::DateTime => FieldValue::Text(created.format("%Y-%m-%d %H:%M").to_string()),
        FieldType::Duration => FieldValue::Number((rng.range(5, 180) * 60) as f64),
        FieldType::Rating { max } => FieldValue::Number(rng.range(1, i64::from(*max) + 1) as f64),
    };
    // The same check `nook add` applies: a seeded value is a value a user could enter.
    match check_value(ty, v) {
        Ok(v) => Some(v),
        Err(e) => panic!("seed made a bad value for {name}: {e}"),
    }
}

/// `quota` items created over the last few years, oldest first; most of the
/// older ones done.
fn list_ops(list: &ListSpec, quota: u64, now: Now, rng: &mut Rng) -> Vec<Op> {
    let years = if list.fields.is_empty() { 3 } else { 6 };
    let span = years * 365 * DAY_MS;
    let mut ops = Vec::with_capacity(quota as usize);
    for k in 0..quota {
        let age = span - span / quota as i64 * k as i64;
        let created = now.ms - age + rng.range(0, DAY_MS / 2).min(age);
        let created = created.min(now.ms);
        let created_local = now.local + TimeDelta::milliseconds(created - now.ms);
        let recent = quota - k <= 20;
        let (text, values) = if list.fields.is_empty() {
            let mut t = rng.pick(GROCERIES).to_string();
            if rng.chance(0.3) {
                t = format!("{} {t}", rng.range(2, 6));
            }
            (t, BTreeMap::new())
        } else {
            let mut values = BTreeMap::new();
            for (name, field) in &list.fields {
                let required = field.required || field.default.is_some();
                if let Some(v) = field_value(name, &field.ty, required, rng, k, created_local) {
                    values.insert(name.clone(), v);
                }
            }
            (String::new(), values)
        };
        let done = if recent { rng.chance(0.2) } else { rng.chance(0.9) };
        let updated = if done {
            (created + rng.range(0, 14 * DAY_MS)).min(now.ms)
        } else {
            created
        };
        ops.push(Op::PutItem {
            item: Item {
                id: ItemId(0),
                text,
                done,
                created,
                updated,
                values,
            },
        });
    }
    ops
}

/// `quota` open items, "Task 000001" first, created a minute apart up to now.
fn big_list_ops(quota: u64, now: Now) -> Vec<Op> {
    (1..=quota)
        .map(|k| {
            let created = now.ms - (quota - k) as i64 * 60_000;
            Op::PutItem {
                item: Item {
                    id: ItemId(0),
                    text: format!("Task {k:06}"),
                    done: false,
                    created,
                    updated: created,
                    values: BTreeMap::new(),
                },
            }
        })
        .collect()
}

/// A day's value for a tracker: yes for a habit, else near its goal or limit.
fn day_value(t: &TrackerSpec, rng: &mut Rng) -> f64 {
    if t.unit.is_none() {
        return 1.0;
    }
    let per_day = |g: &Goal| match g.period {
        Period::Daily => g.target,
        Period::Weekly => g.target / 7.0,
        Period::Monthly => g.target / 30.0,
        Period::Yearly => g.target / 365.0,
    };
    let base = t.goal.or(t.limit).map_or(t.step * 4.0, |g| per_day(&g));
    let raw = base * (0.4 + rng.unit() * 0.9);
    let step = if t.step > 0.0 { t.step } else { 1.0 };
    ((raw / step).round() * step).max(step)
}

/// `quota` days over the tracker's series, each series going back from today
/// with a few days missed; oldest first.
fn tracker_ops(t: &TrackerSpec, quota: u64, now: Now, rng: &mut Rng) -> (Vec<Op>, Option<NaiveDate>) {
    let series = t.series_names();
    let today = now.today();
    let density = if t.unit.is_none() { 0.8 } else { 0.93 };
    let mut ops = Vec::with_capacity(quota as usize);
    let mut oldest = None;
    for (si, s) in series.iter().enumerate() {
        let want = quota / series.len() as u64 + u64::from((si as u64) < quota % series.len() as u64);
        let mut days = Vec::with_capacity(want as usize);
        let mut d = today;
        while (days.len() as u64) < want {
            if rng.chance(density) {
                days.push(d);
            }
            d = d.pred_opt().unwrap_or(d);
        }
        if let Some(&first) = days.last() {
            oldest = Some(oldest.map_or(first, |o: NaiveDate| o.min(first)));
        }
        for &day in days.iter().rev() {
            let at = ms_at(now, day, hm(18 + (day.ordinal() % 5), (day.day() * 7) % 60)).min(now.ms);
            ops.push(Op::SetEntry {
                series: s.clone(),
                day: day_number(day),
                value: Some(day_value(t, rng)),
                updated: Some(at),
            });
        }
    }
    (ops, oldest)
}

/// About `quota` finished sessions, a few a day, going back from today.
fn timer_ops(t: &TimerSpec, quota: u64, now: Now, rng: &mut Rng) -> (Vec<Op>, Option<NaiveDate>) {
    let slots = schedule(t);
    let mut days: Vec<(NaiveDate, Vec<Session>)> = Vec::new();
    let mut count = 0u64;
    let mut day = now.today();
    let limit = now.today() - TimeDelta::days(MAX_YEARS * 365);
    while count < quota && day > limit {
        if rng.chance(0.7) {
            let start_of = ms_at(now, day, hm(rng.range(7, 11) as u32, rng.range(0, 60) as u32));
            let mut sessions = Vec::new();
            if slots.is_empty() {
                // A stopwatch: one to three runs, with laps now and then.
                let mut at = start_of;
                for _ in 0..rng.range(1, 4) {
                    let secs = rng.range(60, 3600);
                    let laps = if rng.chance(0.3) {
                        (1..=rng.range(1, 5)).map(|l| l * secs * 1000 / 5).collect()
                    } else {
                        vec![]
                    };
                    sessions.push(Session {
                        phase: "Run".into(),
                        phase_index: 0,
                        round: 1,
                        secs: secs as u64,
                        start: at,
                        end: at + secs * 1000,
                        laps,
                    });
                    at += secs * 1000 + rng.range(600, 7200) * 1000;
                }
            } else {
                // One or two runs through some of the schedule.
                let mut at = start_of;
                for _ in 0..rng.range(1, 3) {
                    let take = rng.range(1, slots.len() as i64 + 1) as usize;
                    for slot in &slots[..take] {
                        sessions.push(Session {
                            phase: slot.name.clone(),
                            phase_index: slot.phase_index,
                            round: slot.round,
                            secs: (slot.len_ms / 1000) as u64,
                            start: at,
                            end: at + slot.len_ms,
                            laps: vec![],
                        });
                        at += slot.len_ms;
                    }
                    at += rng.range(1, 4) * 3_600_000;
                }
            }
            sessions.retain(|s| s.end < now.ms);
            if !sessions.is_empty() {
                count += sessions.len() as u64;
                days.push((day, sessions));
            }
        }
        day = day.pred_opt().unwrap_or(limit);
    }
    let oldest = days.last().map(|(d, _)| *d);
    // Oldest first; the oldest day gives up what went over the quota.
    let excess = count.saturating_sub(quota) as usize;
    let ops = days
        .into_iter()
        .rev()
        .flat_map(|(_, sessions)| sessions)
        .skip(excess)
        .map(|session| Op::AddSession { session })
        .collect();
    (ops, oldest)
}

// ---------------------------------------------------------------- main

const USAGE: &str = "usage: seed --home DIR [--apps N] [--records M] [--seed S] [--big-list K]

Fills DIR (a new nook home) with the bundled apps, N generated specs and M
records (list items, tracker days, timer sessions), through nook's write path.
--big-list K adds a plain list, backlog, holding K of the M records.";

fn parse_args(args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut opts = Options {
        home: PathBuf::new(),
        apps: 0,
        records: 0,
        seed: 1,
        big_list: 0,
    };
    let mut home = None;
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        let (key, inline) = match arg.split_once('=') {
            Some((k, v)) if k.starts_with("--") => (k.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        if key == "-h" || key == "--help" {
            return Err(USAGE.to_string());
        }
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{key} needs a value\n\n{USAGE}"))
        };
        let number = |v: String| {
            v.replace('_', "")
                .parse::<u64>()
                .map_err(|_| format!("{key} expects a whole number, got {v:?}"))
        };
        match key.as_str() {
            "--home" => home = Some(PathBuf::from(value()?)),
            "--apps" => opts.apps = number(value()?)? as usize,
            "--records" => opts.records = number(value()?)?,
            "--seed" => opts.seed = number(value()?)?,
            "--big-list" => opts.big_list = number(value()?)?,
            other => return Err(format!("unknown argument {other:?}\n\n{USAGE}")),
        }
    }
    opts.home = home.ok_or_else(|| format!("--home DIR is required\n\n{USAGE}"))?;
    Ok(opts)
}

fn db_path(home: &Path) -> PathBuf {
    Home {
        root: home.to_path_buf(),
    }
    .database()
    .expect("a seeded home's database")
}

fn main() {
    if std::env::args().skip(1).any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}");
        return;
    }
    let opts = match parse_args(std::env::args().skip(1)) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let started = Instant::now();
    match seed(&opts) {
        Ok(report) => {
            println!("seeded {}", opts.home.display());
            println!("{report}");
            println!(
                "total {:.2?} ({})",
                started.elapsed(),
                db_path(&opts.home).display()
            );
        }
        Err(e) => {
            eprintln!("seed: {e}");
            std::process::exit(1);
        }
    }
}
