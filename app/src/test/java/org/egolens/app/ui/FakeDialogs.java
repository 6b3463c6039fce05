package org.egolens.app.ui;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** Dialogs that answer from a queue and record errors instead of showing them. */
final class FakeDialogs implements DialogService {
    final Deque<Path> answers = new ArrayDeque<>();
    final List<String> errors = new ArrayList<>();

    @Override
    public Optional<Path> chooseDirectory(String title) {
        return Optional.ofNullable(answers.poll());
    }

    @Override
    public Optional<Path> chooseFile(String title, String description, String... patterns) {
        return Optional.ofNullable(answers.poll());
    }

    @Override
    public void showError(String title, String message) {
        errors.add(title + ": " + message);
    }
}
