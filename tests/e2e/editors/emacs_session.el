;;; emacs_session.el --- Emacs 28 + eglot as a Mentor client, in batch mode  -*- lexical-binding: t -*-
;; Opens a beginner file, waits for Mentor's diagnostics (through flymake, as a user sees them),
;; asks for hover, runs "Mentor: Explain this", applies the quick fix, and writes what happened
;; to $MENTOR_RESULT as JSON.
(require 'package)
(package-initialize)  ; Debian's elpa-eglot lives in the system package directory
(require 'eglot)
(require 'json)
(require 'subr-x)

(defvar mentor-result (list (cons 'steps nil)))
(defun mentor-step (name) (push name (alist-get 'steps mentor-result)))
(defun mentor-wait (predicate seconds)
  "Run the event loop until PREDICATE holds or SECONDS pass."
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (funcall predicate)))

(defun mentor-finish ()
  (setf (alist-get 'steps mentor-result) (vconcat (reverse (alist-get 'steps mentor-result))))
  (with-temp-file (getenv "MENTOR_RESULT") (insert (json-encode mentor-result)))
  (kill-emacs 0))

;; README's configuration for eglot, with the server's path from the test.
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               `((python-mode python-ts-mode)
                 . (,(getenv "MENTOR_LSP") :initializationOptions (:hintLevel "novice"))))
  ;; Eglot waits 10 s for a command's answer: too short for the first one, which loads the
  ;; model. README says 60; CI machines are slower still.
  (setq jsonrpc-default-request-timeout 240))

(defun mentor--ask (kind)
  "Run Mentor's code action of KIND on the selection, or on this line's diagnostic."
  (if (use-region-p)
      (eglot-code-actions (region-beginning) (region-end) kind t)
    (eglot-code-actions (line-beginning-position) (line-end-position) kind t)))
(defun mentor-explain ()
  "Ask Mentor to explain this line's diagnostic, or the selected code."
  (interactive)
  (mentor--ask "quickfix.mentor.explain"))
(defun mentor-hint ()
  "Ask Mentor for a hint about this line's diagnostic, or the selected code."
  (interactive)
  (mentor--ask "quickfix.mentor.hint"))

(condition-case err
    (progn
      (setq eglot-sync-connect 60)
      (find-file (getenv "MENTOR_FILE"))
      (python-mode)
      ;; `eglot-ensure' waits for the next command, which never comes in batch mode: connect now,
      ;; as M-x eglot does.
      (call-interactively #'eglot)
      (unless (mentor-wait (lambda () (eglot-current-server)) 60) (error "eglot did not connect"))
      (mentor-step "connected")
      (unless (mentor-wait (lambda () (flymake-diagnostics)) 60) (error "no diagnostics"))
      (setf (alist-get 'diagnostics mentor-result)
            (vconcat (mapcar (lambda (d) (list (cons 'line (line-number-at-pos (flymake-diagnostic-beg d)))
                                               (cons 'text (flymake-diagnostic-text d))))
                             (flymake-diagnostics))))
      (mentor-step "diagnostics")
      (let* ((server (eglot-current-server))
             (hover (jsonrpc-request server :textDocument/hover
                                     (list :textDocument (eglot--TextDocumentIdentifier)
                                           :position (list :line 1 :character 10)))))
        (setf (alist-get 'hover mentor-result) (plist-get (plist-get hover :contents) :value))
        (mentor-step "hover")
        (goto-char (point-min))
        (forward-line 1)
        ;; "Explain this", with README's `mentor-explain': eglot's own code-action command for
        ;; that kind, which executes the only matching action without asking.
        (let ((shown nil))
          (cl-flet ((record (format &rest args)  ; the echo area: "[eglot] Server reports ..."
                      (push (concat "[eglot] " (apply #'format format args)) shown)))
            (advice-add 'eglot--message :after #'record)
            (cl-defmethod eglot-execute-command :around (_server command _arguments)
              (let ((answer (cl-call-next-method)))
                (setf (alist-get 'explained mentor-result)
                      (list (cons 'command (format "%s" command))
                            (cons 'markdown (plist-get answer :markdown))
                            (cons 'source (plist-get answer :source))))
                answer))
            (call-interactively #'mentor-explain)
            (advice-remove 'eglot--message #'record))
          (setf (alist-get 'shown mentor-result) (vconcat (reverse shown))))
        (mentor-step "explained")
        ;; The request eglot's own `eglot-code-actions' sends for the diagnostics on this line.
        (let* ((beg (line-beginning-position)) (end (line-end-position))
               (actions (jsonrpc-request
                         server :textDocument/codeAction
                         (list :textDocument (eglot--TextDocumentIdentifier)
                               :range (list :start (eglot--pos-to-lsp-position beg)
                                            :end (eglot--pos-to-lsp-position end))
                               :context (list :diagnostics
                                              (vconcat (cl-loop for d in (flymake-diagnostics beg end)
                                                                when (cdr (assoc 'eglot-lsp-diag (eglot--diag-data d)))
                                                                collect it))))))
               (action (and (> (length actions) 0) (aref actions 0))))
          (unless action (error "no quick fix was offered"))
          (setf (alist-get 'action_title mentor-result) (plist-get action :title))
          (eglot--apply-workspace-edit (plist-get action :edit))
          (mentor-step "fixed")
          ;; Eglot sends the change, and flymake re-checks, from idle timers; batch Emacs is
          ;; never idle, so do what those timers would do.
          (eglot--signal-textDocument/didChange)
          (flymake-start)
          (setf (alist-get 'text mentor-result) (buffer-substring-no-properties (point-min) (point-max)))
          ;; Fresh diagnostics have come when the `== None' one is back and the loop's is gone.
          (unless (mentor-wait (lambda () (let ((texts (mapcar #'flymake-diagnostic-text (flymake-diagnostics))))
                                            (and (cl-some (lambda (text) (string-match-p "is None" text)) texts)
                                                 (not (cl-some (lambda (text) (string-match-p "for name in names" text)) texts)))))
                               60)
            (error "the diagnostic did not go away after the fix"))
          (mentor-step "rechecked"))))
  (error (setf (alist-get 'error mentor-result) (error-message-string err))))
(mentor-finish)
