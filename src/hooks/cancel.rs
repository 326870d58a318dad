//! Cancels an effect's requests and stops late results from dispatching.

use std::cell::Cell;
use std::rc::Rc;
use web_sys::{AbortController, AbortSignal};

pub struct Cancel {
    ctl: Option<AbortController>,
    done: Rc<Cell<bool>>,
}

/// The half a spawned task keeps: is it still wanted, and its abort signal.
#[derive(Clone)]
pub struct Token {
    ctl: AbortController,
    done: Rc<Cell<bool>>,
}

impl Cancel {
    pub fn new() -> Cancel {
        Cancel {
            ctl: AbortController::new().ok(),
            done: Rc::new(Cell::new(false)),
        }
    }

    /// `None` only if the browser cannot make an `AbortController`.
    pub fn token(&self) -> Option<Token> {
        Some(Token {
            ctl: self.ctl.clone()?,
            done: self.done.clone(),
        })
    }

    pub fn cancel(&self) {
        self.done.set(true);
        if let Some(c) = &self.ctl {
            c.abort();
        }
    }
}

impl Token {
    pub fn signal(&self) -> AbortSignal {
        self.ctl.signal()
    }

    pub fn cancelled(&self) -> bool {
        self.done.get()
    }
}
