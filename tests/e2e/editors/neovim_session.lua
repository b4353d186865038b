-- Headless Neovim 0.7 as a Mentor client: open a beginner file, wait for diagnostics, hover,
-- run "Mentor: Explain this", apply the quick fix, and write what happened to $MENTOR_RESULT
-- as JSON.
local result = { steps = {} }
local out = os.getenv("MENTOR_RESULT")

local function finish()
  local file = assert(io.open(out, "w"))
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd("qa!")
end

local ok, err = pcall(function()
  vim.cmd("filetype on") -- on in any Neovim with a config; -u NONE leaves it off

  -- docs/editors.md's configuration for Neovim 0.7 (no vim.lsp.start there: start_client and
  -- buf_attach_client), with the server's path from the test.
  local mentor_client
  vim.api.nvim_create_autocmd("FileType", {
    pattern = "python",
    callback = function(args)
      if not (mentor_client and vim.lsp.get_client_by_id(mentor_client)) then
        mentor_client = vim.lsp.start_client({
          name = "mentor",
          cmd = { os.getenv("MENTOR_LSP") },
          root_dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(args.buf), ":p:h"),
          -- the tutor's model is the test fixture, named by path ($MENTOR_MODEL_PATH; none: static)
          init_options = { hintLevel = "novice", model = { path = os.getenv("MENTOR_MODEL_PATH") } },
          handlers = {
            -- Mentor's answers (Explain this, Give me a hint) also in a floating window
            ["window/showMessage"] = function(err, params, ctx, config)
              if params.type == vim.lsp.protocol.MessageType.Info and params.message:find("\n") then
                vim.lsp.util.open_floating_preview(vim.split(params.message, "\n"), "markdown",
                  { border = "rounded", max_width = 80, focus_id = "mentor-answer" })
              end
              return vim.lsp.handlers["window/showMessage"](err, params, ctx, config)
            end,
          },
        })
      end
      vim.lsp.buf_attach_client(args.buf, mentor_client)
      vim.keymap.set("n", "K", vim.lsp.buf.hover, { buffer = args.buf, desc = "Mentor: hover" })
    end,
  })
  vim.keymap.set("n", "<leader>me", function()
    vim.lsp.buf.code_action({ only = { "quickfix.mentor.explain" } })
  end)

  vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("MENTOR_FILE")))
  local buffer = vim.api.nvim_get_current_buf()
  local function attached() return next(vim.lsp.buf_get_clients(buffer)) ~= nil end
  assert(vim.wait(60000, attached, 50), "the client did not start") -- once initialized
  table.insert(result.steps, "attached")

  local function diagnostics()
    return vim.diagnostic.get(buffer)
  end
  assert(vim.wait(60000, function() return #diagnostics() > 0 end, 50), "no diagnostics")
  result.diagnostics = {}
  for _, d in ipairs(diagnostics()) do
    table.insert(result.diagnostics, { code = d.code, lnum = d.lnum, col = d.col, message = d.message, source = d.source })
  end
  table.insert(result.steps, "diagnostics")

  local hover = vim.lsp.buf_request_sync(buffer, "textDocument/hover", {
    textDocument = { uri = vim.uri_from_bufnr(buffer) },
    position = { line = 1, character = 10 },
  }, 30000)
  for _, response in pairs(hover or {}) do
    if response.result then result.hover = response.result.contents.value end
  end
  table.insert(result.steps, "hover")

  -- What floating windows show: the hover that docs/editors.md's `K` opens, and the answer.
  local function floats()
    local shown = {}
    for _, win in ipairs(vim.api.nvim_list_wins()) do
      if vim.api.nvim_win_get_config(win).relative ~= "" then
        table.insert(shown, table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(win), 0, -1, false), "\n"))
      end
    end
    return shown
  end
  local function close_floats()
    for _, win in ipairs(vim.api.nvim_list_wins()) do
      if vim.api.nvim_win_get_config(win).relative ~= "" then vim.api.nvim_win_close(win, true) end
    end
  end
  vim.api.nvim_win_set_cursor(0, { 2, 10 })
  vim.api.nvim_feedkeys("K", "mx", false)
  vim.wait(30000, function() return #floats() > 0 end, 50)
  result.hover_float = floats()
  close_floats()

  -- "Explain this", with docs/editors.md's key mapping on the loop's line: Neovim's own code action
  -- menu, asking only for that kind. vim.ui.select is the hook pickers (telescope, dressing)
  -- replace; this one picks by title. Neovim then resolves the action (codeAction/resolve) and
  -- sends its command with workspace/executeCommand, all by itself.
  result.progress, result.shown, result.notified = {}, {}, {}
  vim.api.nvim_create_autocmd("User", {
    pattern = "LspProgressUpdate",
    callback = function()  -- what a statusline showing vim.lsp.util.get_progress_messages() shows
      for _, p in ipairs(vim.lsp.util.get_progress_messages()) do
        local seen = result.progress[p.title] or { streamed = "" }
        if p.done then seen.ended = p.message or "" elseif p.message then seen.streamed = p.message end
        result.progress[p.title] = seen
      end
    end,
  })
  local show_message = vim.lsp.handlers["window/showMessage"]
  vim.lsp.handlers["window/showMessage"] = function(err, params, ctx, config)
    table.insert(result.shown, { type = params.type, message = params.message })
    return show_message(err, params, ctx, config)  -- prints "LSP[mentor][Info] <message>"
  end
  local notify = vim.notify
  vim.notify = function(message, level, opts)
    table.insert(result.notified, message)
    return notify(message, level, opts)
  end
  local executed = vim.lsp.handlers["workspace/executeCommand"]
  vim.lsp.handlers["workspace/executeCommand"] = function(err, answer, ctx, config)
    result.explained = { error = err and err.message or nil, answer = answer }
    return executed(err, answer, ctx, config)
  end
  vim.ui.select = function(items, opts, on_choice)
    result.menu = {}
    local chosen
    for _, item in ipairs(items) do
      local title = opts.format_item(item)
      table.insert(result.menu, title)
      if title == "Mentor: Explain this" then chosen = item end
    end
    on_choice(chosen)
  end
  vim.api.nvim_win_set_cursor(0, { 2, 4 })
  vim.api.nvim_feedkeys("\\me", "mx", false) -- the user types <leader>me (leader: backslash)
  -- Generous: the first explanation loads the model, on two busy cores.
  assert(vim.wait(240000, function() return result.explained ~= nil or #result.notified > 0 end, 50))
  assert(result.explained, "no explanation came: " .. table.concat(result.notified, "; "))
  vim.wait(5000, function() return #floats() > 0 end, 50)
  result.answer_float = floats()
  table.insert(result.steps, "explained")

  -- The code action request Neovim 0.7's own vim.lsp.buf.code_action() sends on line 2.
  local line_diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buffer, 1)
  assert(#line_diagnostics > 0, "no diagnostic on the loop's line")
  local actions = vim.lsp.buf_request_sync(buffer, "textDocument/codeAction", {
    textDocument = { uri = vim.uri_from_bufnr(buffer) },
    range = line_diagnostics[1].range,
    context = { diagnostics = line_diagnostics },
  }, 30000)
  local applied = false
  for _, response in pairs(actions or {}) do
    for _, action in ipairs(response.result or {}) do
      if action.edit and not applied then
        result.action_title = action.title
        vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
        applied = true
      end
    end
  end
  assert(applied, "no quick fix was offered")
  table.insert(result.steps, "fixed")
  result.text = table.concat(vim.api.nvim_buf_get_lines(buffer, 0, -1, false), "\n")

  -- Fresh diagnostics have come when the `== None` one is there and the loop's is gone.
  assert(vim.wait(60000, function()
    local codes = {}
    for _, d in ipairs(diagnostics()) do codes[d.code] = true end
    return codes["MNT202"] and not codes["MNT101"]
  end, 50), "the diagnostic did not go away after the fix")
  result.after = {}
  for _, d in ipairs(diagnostics()) do table.insert(result.after, d.code) end
  table.insert(result.steps, "rechecked")
end)
if not ok then result.error = tostring(err) end
finish()
