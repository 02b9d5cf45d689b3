"""Fitting a model: training sets from gold pages, augmentation, the fitting schedule and the trainer
that writes a model file with its metadata and held-out scores (scored by `storysift.evaluation`)."""
