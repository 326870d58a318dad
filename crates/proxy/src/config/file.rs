//! `--config FILE` (or `AMWAL_CONFIG`): a TOML file of the same settings as
//! the command line, keyed by their long names (`port = 8080`,
//! `allowed-origins = ["https://shop.example"]`). The command line wins over
//! the environment, which wins over the file, which wins over defaults.

use crate::config::Cli;
use clap::parser::ValueSource;
use clap::{ArgAction, CommandFactory, FromArgMatches, Parser};
use std::ffi::OsString;
use std::path::Path;

/// Parses `args` (the first being the program name), filling settings that
/// neither the arguments nor the environment give from the config file.
pub fn parse(args: Vec<OsString>) -> Result<Cli, clap::Error> {
    let matches = Cli::command().try_get_matches_from(&args)?;
    let cli = Cli::from_arg_matches(&matches)?;
    let Some(path) = cli.config.clone() else {
        return Ok(cli);
    };
    let extra = file_args(&path, &matches)
        .map_err(|e| Cli::command().error(clap::error::ErrorKind::InvalidValue, e))?;
    let mut all = Vec::with_capacity(args.len() + extra.len());
    all.extend(args.iter().take(1).cloned());
    // Before any subcommand: these are the server's own settings.
    all.extend(extra.into_iter().map(OsString::from));
    all.extend(args.into_iter().skip(1));
    // The arguments alone parsed, so a failure now is the file's: say so.
    Cli::try_parse_from(all).map_err(|e| {
        let why = e.render().to_string();
        let why = why
            .lines()
            .next()
            .unwrap_or_default()
            .trim_start_matches("error: ");
        Cli::command().error(
            clap::error::ErrorKind::InvalidValue,
            format!("{}: {why}", path.display()),
        )
    })
}

/// The file's settings as `--name=value` arguments, for those not given on
/// the command line or in the environment.
fn file_args(path: &Path, given: &clap::ArgMatches) -> Result<Vec<String>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    // toml's own message quotes the offending line, which may hold a key:
    // say where it is, not what it says.
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        let before = e.span().map_or(0, |s| s.start.min(text.len()));
        let line = text.as_bytes()[..before]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        format!("{}: line {line}: {}", path.display(), e.message())
    })?;
    let command = Cli::command();
    let mut out = Vec::new();
    for (key, value) in table {
        let arg = command
            .get_arguments()
            .find(|a| {
                let named = a.get_long() == Some(key.as_str())
                    || a.get_all_aliases()
                        .is_some_and(|all| all.contains(&key.as_str()));
                named && key != "config"
            })
            .ok_or_else(|| format!("{}: unknown setting {key:?}", path.display()))?;
        let explicit = matches!(
            given.value_source(arg.get_id().as_str()),
            Some(ValueSource::CommandLine | ValueSource::EnvVariable)
        );
        if explicit {
            continue;
        }
        let bad = || format!("{}: {key} has the wrong type", path.display());
        match (arg.get_action(), value) {
            (ArgAction::SetTrue, toml::Value::Boolean(on)) => {
                if on {
                    out.push(format!("--{key}"));
                }
            }
            (ArgAction::SetTrue, _) => return Err(bad()),
            (_, toml::Value::String(s)) => out.push(format!("--{key}={s}")),
            (_, toml::Value::Integer(n)) => out.push(format!("--{key}={n}")),
            (_, toml::Value::Array(items)) => {
                let items: Option<Vec<&str>> = items.iter().map(toml::Value::as_str).collect();
                out.push(format!("--{key}={}", items.ok_or_else(bad)?.join(",")));
            }
            _ => return Err(bad()),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(file: &str, args: &[&str]) -> Result<Cli, String> {
        let dir = std::env::temp_dir().join(format!("amwal-cfg-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let path = dir.join("amwal-proxy.toml");
        std::fs::write(&path, file).map_err(|e| e.to_string())?;
        let mut all: Vec<OsString> = vec!["amwal-proxy".into(), "--config".into(), path.into()];
        all.extend(args.iter().map(OsString::from));
        let parsed = parse(all).map_err(|e| e.to_string());
        let _ = std::fs::remove_dir_all(&dir);
        parsed
    }

    #[test]
    fn the_file_fills_what_the_command_line_leaves() {
        let cli = run(
            "port = 9123\nprefix = \"/pay\"\nshow-contacts = true\n\
             allowed-origins = [\"https://a.example\", \"https://b.example\"]\n",
            &["--prefix", "/shop"],
        )
        .expect("parses");
        assert_eq!(cli.port, 9123);
        assert_eq!(cli.prefix, "/shop", "the command line wins");
        assert!(cli.show_contacts);
        assert_eq!(
            cli.allowed_origins,
            ["https://a.example", "https://b.example"]
        );
    }

    #[test]
    fn a_syntax_error_names_the_line_but_never_quotes_it() {
        let e = run("port = 8080\napi-key = \"sk-live-secret\n", &[]).expect_err("broken");
        assert!(e.contains("line 2"), "{e}");
        assert!(!e.contains("sk-live-secret"), "{e}");
    }

    #[test]
    fn unknown_settings_and_wrong_types_are_refused() {
        let e = run("prot = 1\n", &[]).expect_err("typo");
        assert!(e.contains("unknown setting \"prot\""), "{e}");
        let e = run("show-contacts = \"yes\"\n", &[]).expect_err("type");
        assert!(e.contains("show-contacts has the wrong type"), "{e}");
        let e = run("port = 99999\n", &[]).expect_err("range");
        assert!(e.contains("99999") && e.contains("amwal-proxy.toml"), "{e}");
    }

    #[test]
    fn an_old_option_name_still_works_in_the_file() {
        let cli = run("callback-public-key-file = \"/etc/amwal/key.pem\"\n", &[]).expect("alias");
        assert_eq!(cli.callback_key_file, Some("/etc/amwal/key.pem".into()));
    }

    #[test]
    fn the_example_file_in_the_repo_is_valid() {
        let text = include_str!("../../amwal-proxy.example.toml");
        let cli = run(text, &[]).expect("example parses");
        assert_eq!(cli.host, "127.0.0.1");
    }
}
