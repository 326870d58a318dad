//! Yew's `Reducible` over the pure flow in `amwal_core::flow`.

use amwal_core::flow::{reduce, Event, State};
use std::rc::Rc;
use yew::Reducible;

#[derive(Clone, Debug, PartialEq)]
pub struct Flow(pub State);

impl Reducible for Flow {
    type Action = Event;

    fn reduce(self: Rc<Self>, event: Event) -> Rc<Self> {
        let next = reduce(&self.0, event);
        if next == self.0 {
            self
        } else {
            Rc::new(Flow(next))
        }
    }
}
