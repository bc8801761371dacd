//! Shared set-up for the screen and flow tests: a temp home with the bundled
//! apps, some data written through the store at a fixed moment, and the App
//! built exactly as the real runtime builds it.
#![allow(dead_code)]

use chrono::NaiveDate;
use nook::app::key::{Code, Key};
use nook::app::{Action, App};
use nook::model::Now;
use nook::model::days::day_number;
use nook::model::timer::Action as TimerAction;
use nook::paths::Home;
use nook::runtime::Shell;
use nook::spec::{Catalog, Spec};
use nook::store::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub shell: Shell,
    pub app: App,
}

/// Wednesday 25 November 2026, 10:00.
pub fn now() -> Now {
    Now::fixed(
        NaiveDate::from_ymd_opt(2026, 11, 25)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap(),
    )
}

pub fn at(minutes_later: i64) -> Now {
    let n = now();
    Now::fixed(n.local + chrono::Duration::minutes(minutes_later))
}

fn spec(home: &Home, id: &str) -> Spec {
    Catalog::scan(&home.apps(), &home.bounds())
        .unwrap()
        .find(id)
        .unwrap()
        .clone()
}

/// A home with the bundled apps and no data.
pub fn empty() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let home = Home {
        root: dir.path().to_path_buf(),
    };
    nook::bundled::install_if_missing(&home).unwrap();
    let store = Store::open(&home.database().unwrap()).unwrap();
    let (shell, app) = nook::runtime::terminal::start(home, store, now());
    Fixture { dir, shell, app }
}

/// A home with the bundled apps, a broken spec, and data in several apps.
pub fn seeded() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let home = Home {
        root: dir.path().to_path_buf(),
    };
    nook::bundled::install_if_missing(&home).unwrap();
    std::fs::write(
        home.apps().join("broken.ron"),
        "List(\n    name: \"Broken\",\n    feilds: {},\n)\n",
    )
    .unwrap();
    let store = Store::open(&home.database().unwrap()).unwrap();
    let n = now();
    let text = |s: &str| nook::model::FieldValue::Text(s.into());
    let num = nook::model::FieldValue::Number;

    let g = spec(&home, "groceries");
    store
        .write(&g, n, |tx| {
            tx.add_item("oat milk".into(), Default::default())?;
            let eggs = tx.add_item("eggs".into(), Default::default())?;
            tx.add_item("bread".into(), Default::default())?;
            let mut done = eggs;
            done.done = true;
            tx.apply(nook::store::Op::PutItem { item: done })
        })
        .unwrap();

    let r = spec(&home, "reading");
    for (title, author, status, pages, rating) in [
        ("Dune", "Frank Herbert", "done", 412.0, 5.0),
        ("The Dispossessed", "Ursula K. Le Guin", "reading", 387.0, 4.0),
        ("Piranesi", "Susanna Clarke", "to read", 272.0, 0.0),
        ("Middlemarch", "George Eliot", "to read", 880.0, 0.0),
    ] {
        let mut v = std::collections::BTreeMap::new();
        v.insert("title".to_string(), text(title));
        v.insert("author".to_string(), text(author));
        v.insert("status".to_string(), text(status));
        v.insert("pages".to_string(), num(pages));
        if rating > 0.0 {
            v.insert("rating".to_string(), num(rating));
        }
        store
            .write(&r, n, |tx| tx.add_item(String::new(), v.clone()))
            .unwrap();
    }

    let p = spec(&home, "packing");
    for (thing, bag, qty) in [
        ("passport", "carry-on", 1.0),
        ("socks", "checked", 5.0),
        ("charger", "backpack", 2.0),
    ] {
        let mut v = std::collections::BTreeMap::new();
        v.insert("thing".to_string(), text(thing));
        v.insert("bag".to_string(), text(bag));
        v.insert("qty".to_string(), num(qty));
        store
            .write(&p, n, |tx| tx.add_item(String::new(), v.clone()))
            .unwrap();
    }

    let w = spec(&home, "water");
    let today = day_number(n.today());
    store
        .write(&w, n, |tx| {
            for d in 1..=10 {
                tx.set_entry("", today - d, 8.0 + (d % 3) as f64)?;
            }
            tx.set_entry("", today - 12, 4.0)?;
            tx.set_entry("", today, 5.0)
        })
        .unwrap();

    let h = spec(&home, "habits");
    store
        .write(&h, n, |tx| {
            for d in 0..6 {
                tx.set_entry("Read", today - d, 1.0)?;
            }
            for d in [0, 2, 4] {
                tx.set_entry("Run", today - d, 1.0)?;
            }
            tx.set_entry("Meditate", today - 1, 1.0)
        })
        .unwrap();

    let c = spec(&home, "coffee");
    store
        .write(&c, n, |tx| {
            tx.set_entry("", today - 3, 4.0)?;
            tx.set_entry("", today - 2, 2.0)?;
            tx.set_entry("", today, 1.0)
        })
        .unwrap();

    let pomo = spec(&home, "pomodoro");
    store
        .write(&pomo, at(-7), |tx| tx.timer(TimerAction::Start))
        .unwrap();
    let sw = spec(&home, "stopwatch");
    store
        .write(&sw, at(-3), |tx| tx.timer(TimerAction::Start))
        .unwrap();
    store.write(&sw, at(-2), |tx| tx.timer(TimerAction::Lap)).unwrap();
    store.write(&sw, at(-1), |tx| tx.timer(TimerAction::Lap)).unwrap();

    let (shell, app) = nook::runtime::terminal::start(home, store, n);
    Fixture { dir, shell, app }
}

impl Fixture {
    pub fn home(&self) -> Home {
        Home {
            root: self.dir.path().to_path_buf(),
        }
    }

    /// Types keys: plain characters, or names in angle brackets: <Enter>,
    /// <Esc>, <Tab>, <BackTab>, <Up>, <Down>, <Left>, <Right>, <Bksp>, <C-r> (any
    /// C-letter), <M-b> (Alt and a letter).
    pub fn keys(&mut self, keys: &str) {
        self.keys_at(keys, now());
    }

    pub fn keys_at(&mut self, keys: &str, when: Now) {
        let mut chars = keys.chars().peekable();
        while let Some(c) = chars.next() {
            let key = if c == '<' && chars.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
                let name: String = chars.by_ref().take_while(|c| *c != '>').collect();
                match name.as_str() {
                    "Enter" => Key::plain(Code::Enter),
                    "Esc" => Key::plain(Code::Esc),
                    "Tab" => Key::plain(Code::Tab),
                    "BackTab" => Key::plain(Code::BackTab),
                    "Up" => Key::plain(Code::Up),
                    "Down" => Key::plain(Code::Down),
                    "Left" => Key::plain(Code::Left),
                    "Right" => Key::plain(Code::Right),
                    "Bksp" => Key::plain(Code::Backspace),
                    "C-r" => Key::ctrl('r'),
                    "C-s" => Key::ctrl('s'),
                    "C-z" => Key::ctrl('z'),
                    "C-y" => Key::ctrl('y'),
                    "C-g" => Key::ctrl('g'),
                    "C-c" => Key::ctrl('c'),
                    "Home" => Key::plain(Code::Home),
                    "End" => Key::plain(Code::End),
                    "Del" => Key::plain(Code::Delete),
                    "C-u" => Key::ctrl('u'),
                    "PgDn" => Key::plain(Code::PageDown),
                    // Any other C-letter, and M-letter (Alt).
                    other => match other.split_once('-') {
                        Some(("C", l)) if l.chars().count() == 1 => Key::ctrl(l.chars().next().unwrap()),
                        Some(("M", l)) if l.chars().count() == 1 => Key {
                            code: Code::Char(l.chars().next().unwrap()),
                            ctrl: false,
                            alt: true,
                        },
                        _ => panic!("unknown key <{other}>"),
                    },
                }
            } else {
                Key::ch(c)
            };
            self.shell.dispatch(&mut self.app, Action::Key(key, when));
        }
    }

    /// Opens an app from the launcher by filtering for it.
    pub fn open(&mut self, query: &str) {
        self.keys(&format!("/{query}<Enter>"));
        assert!(
            self.app.focused().is_some(),
            "{query} did not open:\n{}",
            self.screen(100, 30)
        );
    }

    pub fn screen(&self, w: u16, h: u16) -> String {
        render(&self.app, w, h)
    }

    pub fn export(&self, id: &str) -> nook::store::export::Export {
        let spec = spec(&self.home(), id);
        self.shell
            .store
            .read(|r| nook::store::export::export(r, &spec))
            .unwrap()
    }
}

/// Draws the App into a test terminal and returns the text, one line per row.
pub fn render(app: &App, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| nook::ui::render(app, f)).unwrap();
    let buf = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..w {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The fixture's home with `entries` (days before today, value) logged to
/// the bundled tracker `id`, opened (the charts and views tests).
pub fn tracker_with(id: &str, entries: &[(i32, f64)]) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let home = Home {
        root: dir.path().to_path_buf(),
    };
    nook::bundled::install_if_missing(&home).unwrap();
    let store = Store::open(&home.database().unwrap()).unwrap();
    let spec = Catalog::scan(&home.apps(), &home.bounds())
        .unwrap()
        .find(id)
        .unwrap()
        .clone();
    let today = nook::model::days::day_number(now().today());
    store
        .write(&spec, now(), |tx| {
            for (ago, v) in entries {
                tx.set_entry("", today - ago, *v)?;
            }
            Ok(())
        })
        .unwrap();
    let (shell, app) = nook::runtime::terminal::start(home, store, now());
    let mut f = Fixture { dir, shell, app };
    f.open(id);
    f
}

/// A home with the bundled apps and one more spec, `items` written to it
/// (each a list of field values), started at the fixture's moment.
pub fn with_list(file: &str, spec: &str, items: &[&[(&str, nook::model::FieldValue)]]) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let home = Home {
        root: dir.path().to_path_buf(),
    };
    nook::bundled::install_if_missing(&home).unwrap();
    std::fs::write(home.apps().join(file), spec).unwrap();
    let store = Store::open(&home.database().unwrap()).unwrap();
    let id = file.trim_end_matches(".ron");
    let spec = Catalog::scan(&home.apps(), &home.bounds())
        .unwrap()
        .find(id)
        .unwrap()
        .clone();
    for values in items {
        let v: std::collections::BTreeMap<String, nook::model::FieldValue> =
            values.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
        store
            .write(&spec, now(), |tx| tx.add_item(String::new(), v.clone()))
            .unwrap();
    }
    let (shell, app) = nook::runtime::terminal::start(home, store, now());
    Fixture { dir, shell, app }
}
