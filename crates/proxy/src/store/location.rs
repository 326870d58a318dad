//! Where the store lives, as `--db` names it: a SQLite file (or
//! `:memory:`), or a PostgreSQL URL whose password never prints.

use crate::secret::{url_for_logs, Secret};
use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Clone, PartialEq, Eq)]
pub enum Location {
    Sqlite(PathBuf),
    Postgres(Secret),
}

impl Location {
    /// `postgres://…` or `postgresql://…` is PostgreSQL; anything else a
    /// SQLite file.
    pub fn from_arg(arg: &Path) -> Location {
        match arg.to_str() {
            Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
                Location::Postgres(Secret::new(url))
            }
            _ => Location::Sqlite(arg.to_owned()),
        }
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, Location::Postgres(_))
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Sqlite(path) => write!(f, "{}", path.display()),
            Location::Postgres(url) => f.write_str(&url_for_logs(url.expose())),
        }
    }
}

impl fmt::Debug for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Location({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_password_never_prints() {
        let at = Location::from_arg(Path::new(
            "postgres://shop:hunter2@db.internal:5432/amwal?password=hunter2&sslmode=disable",
        ));
        assert!(at.is_postgres());
        let shown = format!("{at} {at:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("shop:***@db.internal:5432/amwal"), "{shown}");
        assert_eq!(
            Location::from_arg(Path::new("store.sqlite3")).to_string(),
            "store.sqlite3"
        );
    }
}
