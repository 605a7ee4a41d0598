"""Argon2 with cheap parameters for the test suite: the same algorithm and storage format as
production (tests still see 'argon2$...'), without 100 MiB of memory per login."""

from django.contrib.auth.hashers import Argon2PasswordHasher


class FastArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 1
    memory_cost = 256
    parallelism = 1
