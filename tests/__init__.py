"""Tests of legal_analysis."""
