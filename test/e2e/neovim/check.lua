-- End-to-end check in a real editor: Neovim (0.7.2 from Debian, or newer) runs the
-- Source Check language server through its built-in LSP client.
--
--   nvim --headless --clean -n -i NONE -c "luafile test/e2e/neovim/check.lua" DRAFT.md
--
-- DRAFT.md is the public news brief (or a copy of it). The script starts the server
-- from this repository (or $SOURCE_CHECK_REPO), attaches it to the open buffer, and
-- asserts the figure-mismatch on line 9 and the hover over its "35". It prints what it
-- saw on stdout and exits with `qall!` (0) on success, `cquit!` (1) on any failure,
-- including a Lua error. Run it under `timeout`.

local function out(msg)
  io.stdout:write(msg .. "\n")
  io.stdout:flush()
end

local function check(ok, msg)
  if not ok then error("ASSERTION FAILED: " .. msg, 0) end
end

-- The repository root: $SOURCE_CHECK_REPO, else three levels above this file.
local function repo_root()
  local env = os.getenv("SOURCE_CHECK_REPO")
  if env and env ~= "" then return env end
  local src = debug.getinfo(1, "S").source
  check(src:sub(1, 1) == "@", "cannot tell where check.lua is; set SOURCE_CHECK_REPO")
  local script = vim.fn.fnamemodify(src:sub(2), ":p")
  return vim.fn.fnamemodify(script, ":h:h:h:h")
end

-- Hover contents (MarkupContent, MarkedString or MarkedString[]) as plain text.
local function hover_text(contents)
  if type(contents) == "string" then return contents end
  if type(contents) ~= "table" then return "" end
  if contents.value then return contents.value end
  local parts = {}
  for _, c in ipairs(contents) do table.insert(parts, hover_text(c)) end
  return table.concat(parts, "\n")
end

local function code_of(d)
  if d.code ~= nil then return d.code end
  return d.user_data and d.user_data.lsp and d.user_data.lsp.code
end

local function main()
  local repo = repo_root()
  local server = repo .. "/bin/source-check-server.js"
  check(vim.fn.filereadable(server) == 1, "no server at " .. server)
  local buf = vim.api.nvim_get_current_buf()
  local name = vim.api.nvim_buf_get_name(buf)
  check(name ~= "", "no draft open: pass the news brief as nvim's file argument")
  out("nvim: " .. tostring(vim.version().major) .. "." .. tostring(vim.version().minor) .. "." .. tostring(vim.version().patch))
  out("draft: " .. name)
  out("server: " .. server)

  local client_id = vim.lsp.start_client({
    name = "source-check",
    cmd = { "node", server, "--stdio" },
    root_dir = repo,
  })
  check(client_id ~= nil, "vim.lsp.start_client returned nil")
  check(vim.lsp.buf_attach_client(buf, client_id), "vim.lsp.buf_attach_client failed")
  out("client: started and attached (id " .. client_id .. ")")

  -- Wait for the figure-mismatch on line 9 (0-based 8), not just any diagnostic.
  local found
  local ok = vim.wait(20000, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if code_of(d) == "figure-mismatch" and d.lnum == 8 then
        found = d
        return true
      end
    end
    return false
  end, 50)
  local all = vim.diagnostic.get(buf)
  out("diagnostics: " .. #all)
  for _, d in ipairs(all) do
    out(string.format("  %d:%d %s %s", d.lnum + 1, d.col + 1, tostring(code_of(d)), (d.message:gsub("\n", " "))))
  end
  check(ok and found ~= nil, "no figure-mismatch diagnostic on line 9 within 20 s")
  check(found.message:find("%f[%d]30%f[%D]") ~= nil, "the figure-mismatch message does not mention 30: " .. found.message)
  out("figure-mismatch: line 9 col " .. (found.col + 1) .. ": " .. (found.message:gsub("\n", " ")))

  -- Hover over the "35" in "in 35 countries" (character in UTF-16, as LSP counts).
  local line = vim.api.nvim_buf_get_lines(buf, 8, 9, true)[1]
  local s = line:find("%f[%d]35%f[%D]")
  check(s ~= nil, "line 9 has no 35: " .. line)
  local character = vim.str_utfindex(line, s - 1)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = 8, character = character },
  }
  local responses, err = vim.lsp.buf_request_sync(buf, "textDocument/hover", params, 10000)
  check(responses ~= nil, "hover request failed: " .. tostring(err))
  local text = ""
  for _, r in pairs(responses) do
    check(r.err == nil and r.error == nil, "hover error: " .. vim.inspect(r.err or r.error))
    if r.result and r.result.contents then text = text .. hover_text(r.result.contents) end
  end
  out("hover at 9:" .. (character + 1) .. ":")
  for l in (text .. "\n"):gmatch("(.-)\n") do out("  | " .. l) end
  check(text:find("CTV News Toronto", 1, true) ~= nil, "the hover does not mention CTV News Toronto")
  out("OK: figure-mismatch on line 9 mentions 30; hover over 35 names CTV News Toronto")
end

local ok, err = pcall(main)
if ok then
  vim.cmd("qall!")
else
  out("FAIL: " .. tostring(err))
  vim.cmd("cquit!")
end
