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

pub fn run(ctx: &Ctx, ask: Ask) -> CliResult {
    let apps = ctx.home.apps();
    // A bad config.ron is reported and its defaults used, as in the TUI.
    let (config, problem) = crate::config::load(&ctx.home);
    if let Some(p) = problem {
        tell!("nook: {p}");
    }
    let limits = config.sync.limits();
    let mut progress = |step: &str| tell!("nook sync: {step}…");
    let outcome = match ask {
        Ask::Status => {
            let status = sync::status(&apps, limits);
            say!("{}", status.label(crate::model::Now::system()?.ms));
            return Ok(());
        }
        Ask::Sync => sync::sync(&apps, limits, &mut progress),
        Ask::Init(remote) => sync::init::init(&apps, remote.as_deref(), limits, &mut progress),
        Ask::Resolve(app, choice) => sync::resolve(&apps, &app, choice, limits, &mut progress),
    };
    match outcome.map_err(CliError::user)? {
        Outcome::Done(what) => {
            say!("{what}");
            Ok(())
        }
        Outcome::Conflicts(names) => Err(CliError::user(sync::run::conflict_advice(&names))),
    }
}
