-- Neovim 0.7 announces no workspace/configuration, so a writer's settings reach the
-- server only through init_options. This script starts the server the way the
-- README's snippet does (init_options with a sources folder, the bundled articles left
-- out, K / gd / a code-action key mapped), on a draft whose figure only that folder's
-- source can judge, and asserts the finding, then asks the server for the draft's
-- claims over workspace/executeCommand.
--
--   SOURCE_CHECK_SOURCES=DIR nvim --headless --clean -n -i NONE -c "luafile test/e2e/neovim/init-options.lua" DRAFT.md
--
-- Prints what it saw; exits `qall!` (0) on success, `cquit!` (1) on any failure.

local function out(msg)
  io.stdout:write(msg .. "\n")
  io.stdout:flush()
end

local function check(ok, msg)
  if not ok then error("ASSERTION FAILED: " .. msg, 0) end
end

local function code_of(d)
  if d.code ~= nil then return d.code end
  return d.user_data and d.user_data.lsp and d.user_data.lsp.code
end

local function main()
  local repo = os.getenv("SOURCE_CHECK_REPO")
  local sources = os.getenv("SOURCE_CHECK_SOURCES")
  check(repo and repo ~= "", "set SOURCE_CHECK_REPO")
  check(sources and sources ~= "", "set SOURCE_CHECK_SOURCES")
  local buf = vim.api.nvim_get_current_buf()
  out("draft: " .. vim.api.nvim_buf_get_name(buf))

  -- As in the README: settings through init_options, and the keys a writer wants.
  local client_id = vim.lsp.start_client({
    name = "source-check",
    cmd = { "node", repo .. "/bin/source-check-server.js", "--stdio" },
    root_dir = vim.fn.getcwd(),
    init_options = { sourceCheck = { sources = { sources }, includeBundledSources = false } },
    on_attach = function(_, bufnr)
      local opts = { buffer = bufnr }
      vim.keymap.set("n", "K", vim.lsp.buf.hover, opts)
      vim.keymap.set("n", "gd", vim.lsp.buf.definition, opts)
      vim.keymap.set("n", "<leader>ca", vim.lsp.buf.code_action, opts)
    end,
  })
  check(client_id ~= nil, "vim.lsp.start_client returned nil")
  check(vim.lsp.buf_attach_client(buf, client_id), "vim.lsp.buf_attach_client failed")
  out("client: started and attached")

  local found
  local ok = vim.wait(20000, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if code_of(d) == "figure-mismatch" then
        found = d
        return true
      end
    end
    return false
  end, 50)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    out(string.format("  %d:%d %s %s", d.lnum + 1, d.col + 1, tostring(code_of(d)), (d.message:gsub("\n", " "))))
  end
  check(ok and found ~= nil, "no figure-mismatch within 20 s: the sources folder did not load")
  out("figure-mismatch: line " .. (found.lnum + 1) .. ": " .. found.message)

  -- The mappings are in place on the draft's buffer.
  local mapped = {}
  for _, m in ipairs(vim.api.nvim_buf_get_keymap(buf, "n")) do mapped[m.lhs] = true end
  check(mapped["K"] and mapped["gd"], "K and gd are not mapped on the draft's buffer")
  out("keys: K and gd mapped")

  -- The server's commands reach Neovim too.
  local responses = vim.lsp.buf_request_sync(buf, "workspace/executeCommand", {
    command = "sourceCheck.server.claims",
    arguments = { vim.uri_from_bufnr(buf) },
  }, 10000)
  local groups = {}
  for _, r in pairs(responses or {}) do
    for _, c in ipairs((r.result or {}).claims or {}) do
      out("claim: " .. c.text .. " " .. c.group .. " " .. ((c.source or {}).publisher or "-"))
      groups[#groups + 1] = c.group
    end
  end
  check(#groups > 0, "no claims from sourceCheck.server.claims")
  out("OK: init_options loaded the writer's sources")
end

local ok, err = pcall(main)
if ok then
  vim.cmd("qall!")
else
  out("FAIL: " .. tostring(err))
  vim.cmd("cquit!")
end
