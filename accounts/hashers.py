"""Password hashing: Argon2id with OWASP's recommended parameters.

Django's default Argon2 parameters (100 MiB, 8 lanes) cost about 190 ms of CPU per login here. OWASP's
Password Storage Cheat Sheet recommends Argon2id with at least 19 MiB of memory, 2 passes and 1 lane,
which costs about 20 ms: on the morning before a chefsdag a whole organisation logs in within minutes,
and a 2-core server should spend its time on their pages, not queue them behind password checks.
Hashes made with other parameters still verify, and are remade with these at the person's next login.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idHasher(Argon2PasswordHasher):
    # The same algorithm name as Django's hasher, so every stored argon2 hash keeps verifying.
    algorithm = "argon2"
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
