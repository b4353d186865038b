-- Headless Neovim 0.7 as a Mentor client: open a beginner file, wait for diagnostics, hover,
-- apply the quick fix, and write what happened to $MENTOR_RESULT as JSON.
-- Neovim 0.7 has no vim.lsp.start: start_client + buf_attach_client is the 0.7 way.
local result = { steps = {} }
local out = os.getenv("MENTOR_RESULT")

local function finish()
  local file = assert(io.open(out, "w"))
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd("qa!")
end

local ok, err = pcall(function()
  local path = os.getenv("MENTOR_FILE")
  vim.cmd("edit " .. vim.fn.fnameescape(path))
  local buffer = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = "mentor",
    cmd = { os.getenv("MENTOR_LSP") },
    root_dir = vim.fn.fnamemodify(path, ":h"),
    init_options = { hintLevel = "novice" },
  })
  assert(client_id, "the client did not start")
  vim.lsp.buf_attach_client(buffer, client_id)
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
