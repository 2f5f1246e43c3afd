; Inno Setup 6 script for SecDesk on Windows. Do not run ISCC on it by hand:
; `python installer\build.py` builds the bundle first, then calls
;   ISCC /DAppVersion=... /DAppVersionNumeric=... /DBundleDir=... /DOutputDir=... /DPackageExtension=.sdmp
; so the version lives only in secdesk/__init__.py.
;
; Installs per user by default (no administrator needed, into %LOCALAPPDATA%\Programs\SecDesk);
; IT can install for all users with /ALLUSERS (see docs/install.md). The uninstaller removes
; the program only: the database and its backups in %LOCALAPPDATA%\SecDesk stay.

#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=x.y.z (installer\build.py does this)
#endif
#ifndef AppVersionNumeric
  #define AppVersionNumeric "0.0.0.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\secdesk"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#ifndef PackageExtension
  #define PackageExtension ".sdmp"
#endif
#define AppName "SecDesk"
#define AppExe "SecDesk.exe"
#define PackageProgId "SecDesk.MeetingPackage"

[Setup]
; The AppId identifies SecDesk to Windows across versions: never change it.
AppId={{6C3F2B8E-4B7A-4E1D-9B55-2F0A7D1C9E43}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=SecDesk
VersionInfoVersion={#AppVersionNumeric}
VersionInfoProductVersion={#AppVersionNumeric}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename={#AppName}-{#AppVersion}-windows-setup
SetupIconFile=..\icons\secdesk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
; Updating while SecDesk runs: ask it to close first (it saves as it goes).
CloseApplications=yes
RestartApplications=no

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "associate"; Description: "Open SecDesk meeting packages ({#PackageExtension} files) with SecDesk"; GroupDescription: "File types:"

[Files]
; The whole PyInstaller bundle; an update replaces it, files left from an older bundle are removed first.
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; HKA is HKCU for a per-user install and HKLM for /ALLUSERS.
Root: HKA; Subkey: "Software\Classes\{#PackageExtension}"; ValueType: string; ValueName: ""; ValueData: "{#PackageProgId}"; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#PackageExtension}\OpenWithProgids"; ValueType: string; ValueName: "{#PackageProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#PackageProgId}"; ValueType: string; ValueName: ""; ValueData: "SecDesk meeting package"; Flags: uninsdeletekey; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#PackageProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#PackageProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: "{#PackageExtension}"; ValueData: ""; Flags: uninsdeletekey; Tasks: associate

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: the user's data never lives under {app}, and is never removed.
