"""Signals of the BRP adapter: what other apps act on without importing each other.

`overlijden_vastgesteld(bsn=..., datum=...)` is sent (by personen, after a BRP answer recorded a
death for the first time) inside the recording transaction. The verwijsindex removes the youth's
registrations (Jeugdwet 7.1.4.5 lid 2), gezinnen stops open invitations of the person. Receivers
get the BSN: they must not store it.
"""

from django.dispatch import Signal

overlijden_vastgesteld = Signal()
