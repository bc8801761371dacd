//! `nook sync`: the apps folder with git (init, sync, status, resolve).

use super::{CliError, CliResult, Ctx};
use crate::sync::{self, Choice, Outcome};

/// What `nook sync` was asked to do.
pub enum Ask {
    Sync,
    Status,
    Init(Option<String>),
    Resolve(String, Choice),
}

pub fn run(ctx: &mut Ctx, ask: Ask) -> CliResult {
    let apps = ctx.home.apps();
    // A bad config.ron is reported and its defaults used, as in the TUI.
    let (config, problem) = crate::config::load(&ctx.home);
    if let Some(p) = problem {
        tell!("nook: {p}");
    }
    let limits = config.sync.limits();
    let mut progress = |step: &str| tell!("nook sync: {step}…");
    let home = ctx.home.clone();
    let specs = || sync::data::specs_in(&home);
    let outcome = match ask {
        Ask::Status => {
            let status = sync::status(&apps, limits);
            say!("{}", status.label(crate::model::Now::system()?.ms));
            let secret = config.sync.data && sync::seal::secret(&home, &config).is_ok_and(|s| s.is_some());
            let store = ctx.store().ok();
            say!(
                "{}",
                sync::data::status_line(&apps, store, config.sync.data, secret)
            );
            return Ok(());
        }
        Ask::Sync => {
            let store = ctx.store()?;
            let side = sync::data::side(&home, &config, store, &specs)?;
            sync::sync(&apps, limits, side.as_ref(), &mut progress)
        }
        Ask::Init(remote) => sync::init::init(&apps, remote.as_deref(), limits, &mut progress),
        Ask::Resolve(app, choice) => {
            let store = ctx.store()?;
            let side = sync::data::side(&home, &config, store, &specs)?;
            sync::resolve(&apps, &app, choice, limits, side.as_ref(), &mut progress)
        }
    };
    match outcome? {
        Outcome::Done(what) => {
            say!("{what}");
            Ok(())
        }
        Outcome::Conflicts(names) => Err(CliError::user(sync::run::conflict_advice(&names))),
    }
}
