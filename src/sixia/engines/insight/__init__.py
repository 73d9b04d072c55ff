"""Insight engine (智能分析): text pipeline, classifier, repeated-petition detection, hot issues, risk index."""
