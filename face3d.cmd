@echo off
rem face3d launcher for Windows, the equivalent of ./face3d: runs face3d.jar beside this file (a distribution made
rem by tools/dist.sh) or face3d-cli\target\face3d.jar of a source checkout, building it with Maven when it is
rem missing (delete it to rebuild after changing the sources); runs `setup` first for commands that need model
rem assets; then runs the command. All options are the CLI's own: face3d --help.
setlocal
set "ROOT=%~dp0"
if "%ROOT:~-1%"=="\" set "ROOT=%ROOT:~0,-1%"
set "JAVA_BIN=java"
if defined JAVA_HOME set "JAVA_BIN=%JAVA_HOME%\bin\java"
set "HOME_DIR=%FACE3D_HOME%"
if not defined HOME_DIR set "HOME_DIR=%USERPROFILE%\.face3d"

set "JAR=%ROOT%\face3d.jar"
if exist "%JAR%" if exist "%ROOT%\lib\" goto run
set "JAR=%ROOT%\face3d-cli\target\face3d.jar"
if exist "%JAR%" goto run
where mvn >nul 2>nul
if errorlevel 1 (
  echo face3d: Maven ^(mvn^) is missing: install it and run again, or use a distribution made by tools/dist.sh 1>&2
  exit /b 2
)
echo face3d: building the command line ^(first run^)... 1>&2
call mvn -B -q -f "%ROOT%\pom.xml" -DskipTests -Dmaven.javadoc.skip=true -pl face3d-cli -am package
if errorlevel 1 (
  echo face3d: the build failed ^(see the Maven output above^) 1>&2
  exit /b 1
)

:run
set "NEEDS_MODELS="
for %%c in (model landmarks reconstruct fit cluster lift assess bench train) do if /i "%~1"=="%%c" set "NEEDS_MODELS=1"
if not defined NEEDS_MODELS goto command
if exist "%HOME_DIR%\models\SETUP_OK" goto command
echo %* | findstr /r /c:" --help" /c:" -h" >nul && goto command
echo face3d: model assets are missing under %HOME_DIR%\models: running setup first 1>&2
"%JAVA_BIN%" -Dai.djl.offline=true -XX:+UseParallelGC --enable-native-access=ALL-UNNAMED -Dface3d.repo="%ROOT%" %FACE3D_JAVA_OPTS% -jar "%JAR%" setup 1>&2
if errorlevel 1 exit /b %errorlevel%

:command
rem photo commands: the C1 compiler and a 64 MB young generation, as ./face3d gives them (docs/decisions/speed3-jit.md,
rem docs/decisions/speed-batch-throughput.md); ./face3d keeps C2 for inputs of more than 400 files, this script does
rem not count them: FACE3D_JAVA_OPTS=-XX:TieredStopAtLevel=4 restores it
set "JIT_OPTS="
for %%c in (reconstruct landmarks fit) do if /i "%~1"=="%%c" set "JIT_OPTS=-XX:TieredStopAtLevel=1 -Xmn64m"
"%JAVA_BIN%" -Dai.djl.offline=true -XX:+UseParallelGC --enable-native-access=ALL-UNNAMED %JIT_OPTS% -Dface3d.repo="%ROOT%" %FACE3D_JAVA_OPTS% -jar "%JAR%" %*
exit /b %errorlevel%
