"""The Rejections page: the log, a rejection's form, evidence, reframe and practice."""
