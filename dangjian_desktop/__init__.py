"""党建台账 core: records, rules and printouts of a school party branch, without Qt."""

__version__ = "0.1.0"
APP_NAME = "党建台账"
