"""E-module helpers are in tests/builders.py; fixtures (course, module) in tests/conftest.py."""

from tests.builders import correct_ids, make_module, module_dict, quiz, wrong_ids

__all__ = ["correct_ids", "make_module", "module_dict", "quiz", "wrong_ids"]
